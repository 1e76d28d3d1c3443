package org.gridintake.adapters.sms.mo;

import java.util.Objects;

/**
 * What a codec of this package made of its input: the value, or why the input cannot be
 * one. Malformed input comes from handsets and SMSCs we do not control, so it is an
 * expected answer, not an exception; the reason is written for the log and for whoever
 * decides how to answer the deliver_sm.
 *
 * @param <T> the decoded value's type
 */
sealed interface DecodeResult<T> permits DecodeResult.Decoded, DecodeResult.Invalid {

	static <T> DecodeResult<T> decoded(T value) {
		return new Decoded<>(value);
	}

	static <T> DecodeResult<T> invalid(String reason) {
		return new Invalid<>(reason);
	}

	record Decoded<T>(T value) implements DecodeResult<T> {

		public Decoded {
			Objects.requireNonNull(value, "value");
		}

	}

	record Invalid<T>(String reason) implements DecodeResult<T> {

		public Invalid {
			Objects.requireNonNull(reason, "reason");
		}

	}

}
