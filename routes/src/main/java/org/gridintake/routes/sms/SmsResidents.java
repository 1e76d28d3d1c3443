package org.gridintake.routes.sms;

import java.time.Instant;
import java.util.Optional;

import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.casedraft.Mobile;

/**
 * Port: what the gateway remembers about a resident's SMS dialogue: whether they opted
 * out, and what their next message is expected to answer.
 */
public interface SmsResidents {

	boolean isOptedOut(Mobile mobile);

	/**
	 * @return true when the number was not opted out before
	 */
	boolean optOut(Mobile mobile, Instant at);

	/**
	 * @return true when the number was opted out before
	 */
	boolean optIn(Mobile mobile);

	/**
	 * The resident's next message, until {@code until}, answers {@code kind} for the
	 * case.
	 */
	void expect(Mobile mobile, Expectation.Kind kind, CaseNumber caseNumber, Instant until);

	Optional<Expectation> expectation(Mobile mobile, Instant now);

	void clearExpectation(Mobile mobile);

	/**
	 * @return true the first time this is called for the number on that local day
	 */
	boolean firstFloodNoticeOn(Mobile mobile, java.time.LocalDate day);

	void recordRating(CaseNumber caseNumber, Mobile mobile, int score, Instant at);

	/**
	 * @param kind what the next message answers
	 * @param caseNumber the case it is about
	 */
	record Expectation(Kind kind, CaseNumber caseNumber) {

		public enum Kind {

			/** The case could not be placed; the reply is its address. */
			ADDRESS,
			/** The case was closed; the reply is 1, 2 or 3. */
			RATING

		}

	}

}
