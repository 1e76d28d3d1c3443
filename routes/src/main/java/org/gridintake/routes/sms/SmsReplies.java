package org.gridintake.routes.sms;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The city's wording of every reply the SMS dialogue sends, from config/. Every reply
 * must be there and may use only the placeholders it can be given, so a typo stops
 * start-up instead of reaching a resident.
 */
public class SmsReplies {

	public enum Reply {

		RECEIVED("case_number"), RECEIVED_MERGED("case_number"), RECEIVED_UNLOCATED("case_number"),
		ADDRESS_LOCATED("case_number", "place"), ADDRESS_NOT_FOUND("case_number"), QUERY_NONE(), QUERY_CASES("cases"),
		UNSUBSCRIBED(), SUBSCRIBED(), RATING_THANKS("case_number"), RATING_REOPENED("case_number"), FLOODED(), HELP();

		private final Set<String> placeholders;

		Reply(String... placeholders) {
			this.placeholders = Set.of(placeholders);
		}

		public String key() {
			return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
		}

	}

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

	private final Map<Reply, String> texts = new java.util.EnumMap<>(Reply.class);

	public SmsReplies(Map<String, String> byKey) {
		for (Reply reply : Reply.values()) {
			String text = byKey.get(reply.key());
			if (text == null || text.isBlank()) {
				throw new IllegalArgumentException("SMS reply '" + reply.key() + "' is missing from the templates");
			}
			Matcher matcher = PLACEHOLDER.matcher(text);
			while (matcher.find()) {
				if (!reply.placeholders.contains(matcher.group(1))) {
					throw new IllegalArgumentException("SMS reply '" + reply.key() + "' uses {" + matcher.group(1)
							+ "}; it may use " + reply.placeholders);
				}
			}
			this.texts.put(reply, text);
		}
	}

	public String render(Reply reply, Map<String, String> values) {
		String text = this.texts.get(reply);
		for (Map.Entry<String, String> value : values.entrySet()) {
			text = text.replace("{" + value.getKey() + "}", value.getValue());
		}
		return text;
	}

	public String render(Reply reply) {
		return render(reply, Map.of());
	}

}
