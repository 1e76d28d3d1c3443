package org.gridintake.routes.sms;

import org.gridintake.routes.casedraft.CaseNumber;

/** What a resident's text asks for. */
public sealed interface SmsCommand {

	/** Anything that is not a command: a report of a problem. */
	record Report(String text) implements SmsCommand {
	}

	/** 查询 / CX, with or without a case number (null). */
	record Query(CaseNumber caseNumber) implements SmsCommand {
	}

	/** 退订 / TD: stop all messages to this number. */
	record Unsubscribe() implements SmsCommand {
	}

	/** 订阅: messages again. */
	record Subscribe() implements SmsCommand {
	}

	/** 1 satisfied, 2 basically satisfied, 3 dissatisfied. */
	record Rating(int score) implements SmsCommand {

		public boolean dissatisfied() {
			return this.score == 3;
		}

	}

	/**
	 * Digits or punctuation only, and no survey waiting: not a report, tell them how it
	 * works.
	 */
	record Unclear(String text) implements SmsCommand {
	}

}
