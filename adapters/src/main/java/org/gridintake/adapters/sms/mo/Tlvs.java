package org.gridintake.adapters.sms.mo;

import java.util.Arrays;

import org.jsmpp.bean.OptionalParameter;

/**
 * Reads optional parameters by their raw value octets. jSMPP hands them over as typed
 * subclasses or, for tags it does not know, as plain octet strings; the raw value is the
 * same either way.
 */
final class Tlvs {

	static final short MESSAGE_PAYLOAD = OptionalParameter.Tag.MESSAGE_PAYLOAD.code();

	static final short SAR_MSG_REF_NUM = OptionalParameter.Tag.SAR_MSG_REF_NUM.code();

	static final short SAR_TOTAL_SEGMENTS = OptionalParameter.Tag.SAR_TOTAL_SEGMENTS.code();

	static final short SAR_SEGMENT_SEQNUM = OptionalParameter.Tag.SAR_SEGMENT_SEQNUM.code();

	static final short RECEIPTED_MESSAGE_ID = OptionalParameter.Tag.RECEIPTED_MESSAGE_ID.code();

	static final short MESSAGE_STATE = OptionalParameter.Tag.MESSAGE_STATE.code();

	/** Tag and length precede the value in the serialized form. */
	private static final int HEADER_OCTETS = 4;

	private Tlvs() {
	}

	/** The value of the first parameter with the tag; {@code null} when there is none. */
	static byte[] value(OptionalParameter[] parameters, short tag) {
		if (parameters == null) {
			return null;
		}
		for (OptionalParameter parameter : parameters) {
			if (parameter != null && parameter.tag == tag) {
				byte[] serialized = parameter.serialize();
				return Arrays.copyOfRange(serialized, HEADER_OCTETS, serialized.length);
			}
		}
		return null;
	}

	/** A big-endian unsigned integer of exactly {@code octets} octets. */
	static int unsigned(byte[] value, String name, int octets) throws Rejected {
		if (value.length != octets) {
			throw new Rejected(name + " has " + value.length + " octets instead of " + octets);
		}
		int result = 0;
		for (byte octet : value) {
			result = (result << 8) | (octet & 0xFF);
		}
		return result;
	}

}
