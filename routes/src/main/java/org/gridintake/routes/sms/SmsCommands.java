package org.gridintake.routes.sms;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.intake.TextNormaliser;

/**
 * Reads a resident's text as a command or a report. Commands are matched on the whole
 * text after normalisation (full-width forms, case, surrounding punctuation), so a report
 * that merely contains 查询 is still a report.
 */
public final class SmsCommands {

	private static final Set<String> UNSUBSCRIBE = Set.of("退订", "退定", "TD", "T D", "退订短信", "取消订阅", "取消短信", "不再接收",
			"STOP", "0000");

	private static final Set<String> SUBSCRIBE = Set.of("订阅", "DY", "恢复", "恢复订阅", "重新订阅", "开通", "START");

	private static final Pattern QUERY = Pattern
		.compile("(?:查询|查询进度|查进度|查|进度|CX)\\s*([A-Z]{1,6}\\d{8}\\s*-\\s*\\d{6,})?");

	private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[\\p{P}\\p{S}\\s]+|[\\p{P}\\p{S}\\s]+$");

	private static final Pattern NO_WORDS = Pattern.compile("[\\d\\p{P}\\p{S}\\s]*");

	private SmsCommands() {
	}

	/**
	 * @param surveyOpen whether this resident was asked to rate a case and may answer 1,
	 * 2 or 3 now
	 */
	public static SmsCommand read(String text, boolean surveyOpen) {
		String normalised = TextNormaliser.normaliseText(text == null ? "" : text);
		String bare = EDGE_PUNCTUATION.matcher(normalised).replaceAll("").toUpperCase(Locale.ROOT);
		if (UNSUBSCRIBE.contains(bare)) {
			return new SmsCommand.Unsubscribe();
		}
		if (SUBSCRIBE.contains(bare)) {
			return new SmsCommand.Subscribe();
		}
		Matcher query = QUERY.matcher(bare);
		if (query.matches()) {
			return new SmsCommand.Query(
					(query.group(1) != null) ? CaseNumber.parse(query.group(1).replace(" ", "")).orElse(null) : null);
		}
		if (surveyOpen) {
			Integer score = rating(bare);
			if (score != null) {
				return new SmsCommand.Rating(score);
			}
		}
		if (NO_WORDS.matcher(bare).matches()) {
			return new SmsCommand.Unclear(normalised);
		}
		return new SmsCommand.Report(text.strip());
	}

	private static Integer rating(String bare) {
		return switch (bare) {
			case "1", "满意", "非常满意" -> 1;
			case "2", "基本满意", "一般" -> 2;
			case "3", "不满意", "很不满意" -> 3;
			default -> null;
		};
	}

}
