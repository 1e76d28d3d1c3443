package org.gridintake.adapters.sms.mo;

import java.time.Instant;
import java.util.Objects;

/**
 * What an SMSC delivery receipt says about one sent message.
 *
 * @param messageId the message id as the receipt gives it; match it to the submit_sm_resp
 * id through {@link org.gridintake.routes.sms.MessageIdKeys#matchKeys(String)}, since the
 * two forms often differ
 * @param state the message's state
 * @param errorCode the SMSC's {@code err:} code as written, e.g. {@code 000};
 * {@code null} when the receipt has none
 * @param doneAt when the message reached that state; {@code null} when the receipt does
 * not say or says it in a form that cannot be read
 */
record Receipt(String messageId, State state, String errorCode, Instant doneAt) {

	Receipt {
		Objects.requireNonNull(messageId, "messageId");
		Objects.requireNonNull(state, "state");
	}

	/** The SMPP message states a receipt reports, with their message_state values. */
	enum State {

		ENROUTE(1), DELIVERED(2), EXPIRED(3), DELETED(4), UNDELIVERABLE(5), ACCEPTED(6), UNKNOWN(7), REJECTED(8);

		private final int messageState;

		State(int messageState) {
			this.messageState = messageState;
		}

		int messageState() {
			return this.messageState;
		}

		/** The state with this message_state value; {@code null} for any other. */
		static State ofMessageState(int value) {
			for (State state : values()) {
				if (state.messageState == value) {
					return state;
				}
			}
			return null;
		}

	}

}
