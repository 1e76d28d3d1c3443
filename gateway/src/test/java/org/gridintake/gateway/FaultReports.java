package org.gridintake.gateway;

import java.util.List;

/**
 * Distinct reports for the fault scenarios: each {@code i} its own street and door, so
 * none is merged into another and every one must be found again, exactly once,
 * afterwards.
 */
final class FaultReports {

	private static final List<String> STREETS = List.of("红旗路", "和兴街", "文化路", "金台大街");

	private static final List<String> PROBLEMS = List.of("门口垃圾没人清", "门口路灯不亮", "楼下饭馆油烟直排", "门口井盖松动了");

	private FaultReports() {
	}

	/** A distinct incident for each i: its own street and door. */
	static String incident(int i) {
		return door(i) + PROBLEMS.get((i / 1000) % PROBLEMS.size());
	}

	private static String door(int i) {
		return STREETS.get(i % STREETS.size()) + (1 + (i / STREETS.size()) % 250) + "号";
	}

	/**
	 * Report {@code i} of a run for the portal, its Idempotency-Key starting
	 * {@code keyPrefix}.
	 */
	static FaultReport portal(String keyPrefix, String run, int i) {
		String text = incident(i) + "，" + run + "-" + i;
		String mobile = SmsJourneyTest.newResident();
		String json = """
				{"text": "%s", "address": "%s", "mobile": "%s"}""".formatted(text, door(i), mobile);
		return new FaultReport(Channel.PORTAL, text, mobile, json, keyPrefix + run + "-" + i);
	}

	/** Report {@code i} of a run as a resident's text. */
	static FaultReport sms(String run, int i) {
		return new FaultReport(Channel.SMS, incident(i) + "，" + run + "-" + i, SmsJourneyTest.newResident(), null,
				null);
	}

	/**
	 * @param json the portal body, null for a text
	 * @param key the portal's Idempotency-Key, null for a text
	 */
	enum Channel {

		PORTAL, SMS

	}

	record FaultReport(Channel channel, String text, String mobile, String json, String key) {
	}

}
