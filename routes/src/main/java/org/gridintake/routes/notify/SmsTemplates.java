package org.gridintake.routes.notify;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.casedraft.CaseStatus;

/**
 * The texts residents get as their case moves, one per status, from the city's own
 * wording in config/. A status without a template sends no text.
 */
public class SmsTemplates {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

	private static final java.util.Set<String> KNOWN = java.util.Set.of("case_number", "status", "note");

	private final Map<CaseStatus, String> byStatus;

	public SmsTemplates(Map<CaseStatus, String> byStatus) {
		this.byStatus = new EnumMap<>(CaseStatus.class);
		byStatus.forEach((status, template) -> {
			Matcher matcher = PLACEHOLDER.matcher(template);
			while (matcher.find()) {
				if (!KNOWN.contains(matcher.group(1))) {
					throw new IllegalArgumentException("SMS template for " + status + " uses unknown placeholder {"
							+ matcher.group(1) + "}; known: " + KNOWN);
				}
			}
			this.byStatus.put(status, template);
		});
	}

	public Optional<String> render(CaseStatus status, CaseNumber caseNumber, String note) {
		return Optional.ofNullable(this.byStatus.get(status))
			.map((template) -> template.replace("{case_number}", caseNumber.value())
				.replace("{status}", status.chineseName())
				.replace("{note}", (note != null) ? note : ""));
	}

}
