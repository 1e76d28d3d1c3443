package org.gridintake.adapters.sms.mo;

import java.util.ArrayList;
import java.util.List;

/**
 * The user data header at the start of a short_message whose esm_class has UDHI set: a
 * length octet, then information elements (identifier, length, data).
 *
 * @param octets how many octets the header takes, its length octet included: the text
 * starts there
 * @param concatenation the concatenation element's values, not yet checked for sense;
 * {@code null} when there is none
 * @param elementIds the identifiers of every element, in order
 */
record UserDataHeader(int octets, Concatenation concatenation, List<Integer> elementIds) {

	static final int CONCATENATION_8BIT = 0x00;

	static final int CONCATENATION_16BIT = 0x08;

	static final int NATIONAL_SINGLE_SHIFT = 0x24;

	static final int NATIONAL_LOCKING_SHIFT = 0x25;

	UserDataHeader {
		elementIds = List.copyOf(elementIds);
	}

	boolean has(int elementId) {
		return this.elementIds.contains(elementId);
	}

	static UserDataHeader parse(byte[] userData) throws Rejected {
		if (userData.length == 0) {
			throw new Rejected("esm_class says a user data header follows, but the message is empty");
		}
		int headerLength = userData[0] & 0xFF;
		int end = 1 + headerLength;
		if (end > userData.length) {
			throw new Rejected("user data header length " + headerLength + " runs beyond the " + (userData.length - 1)
					+ " octets that follow it");
		}
		Concatenation concatenation = null;
		List<Integer> elementIds = new ArrayList<>();
		int i = 1;
		while (i < end) {
			if (i + 2 > end) {
				throw new Rejected("user data header ends inside the identifier and length of an element");
			}
			int elementId = userData[i] & 0xFF;
			int length = userData[i + 1] & 0xFF;
			int data = i + 2;
			if (data + length > end) {
				throw new Rejected(String.format("user data header element 0x%02X of %d octets runs beyond the header",
						elementId, length));
			}
			// 23.040: of a repeated element, the last occurrence counts
			if (elementId == CONCATENATION_8BIT) {
				expectLength(elementId, length, 3);
				concatenation = new Concatenation(userData[data] & 0xFF, userData[data + 1] & 0xFF,
						userData[data + 2] & 0xFF, Concatenation.Source.UDH_8BIT);
			}
			else if (elementId == CONCATENATION_16BIT) {
				expectLength(elementId, length, 4);
				int reference = ((userData[data] & 0xFF) << 8) | (userData[data + 1] & 0xFF);
				concatenation = new Concatenation(reference, userData[data + 2] & 0xFF, userData[data + 3] & 0xFF,
						Concatenation.Source.UDH_16BIT);
			}
			elementIds.add(elementId);
			i = data + length;
		}
		return new UserDataHeader(end, concatenation, elementIds);
	}

	private static void expectLength(int elementId, int length, int expected) throws Rejected {
		if (length != expected) {
			throw new Rejected(String.format("concatenation element 0x%02X has %d octets of data instead of %d",
					elementId, length, expected));
		}
	}

}
