package org.gridintake.adapters.sms;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks the data coding for a text and cuts it into the short_message payloads of one or
 * more submit_sm PDUs. A text that does not fit one SMS goes as parts that each start
 * with a concatenation header (8-bit reference), which handsets use to show the parts as
 * one message.
 */
public final class SmsSplitter {

	static final int DATA_CODING_GSM7 = 0x00;

	static final int DATA_CODING_UCS2 = 0x08;

	static final int GSM7_SINGLE_SEPTETS = 160;

	static final int GSM7_PART_SEPTETS = 153;

	static final int UCS2_SINGLE_UNITS = 70;

	static final int UCS2_PART_UNITS = 67;

	/** The concatenation header carries the part count in one octet. */
	static final int MAX_PARTS = 255;

	private static final int UDH_LENGTH = 6;

	private SmsSplitter() {
	}

	/**
	 * @param reference the concatenation reference; only its low 8 bits are sent
	 * @throws IllegalArgumentException when the text needs more than {@value #MAX_PARTS}
	 * parts
	 */
	static Split split(String text, int reference) {
		boolean gsm = GsmAlphabet.canEncode(text);
		List<String> segments = gsm ? gsm7Segments(text) : ucs2Segments(text);
		if (segments.size() > MAX_PARTS) {
			throw new IllegalArgumentException(
					"text needs " + segments.size() + " parts, more than the " + MAX_PARTS + " one SMS can have");
		}
		List<byte[]> payloads = new ArrayList<>(segments.size());
		for (int i = 0; i < segments.size(); i++) {
			String segment = segments.get(i);
			byte[] body = gsm ? GsmAlphabet.encodeUnpacked(segment) : segment.getBytes(StandardCharsets.UTF_16BE);
			payloads.add((segments.size() == 1) ? body : withHeader(body, reference, segments.size(), i + 1));
		}
		return new Split(gsm ? DATA_CODING_GSM7 : DATA_CODING_UCS2, segments, payloads);
	}

	/**
	 * Cuts a text of the GSM alphabet so that no part exceeds its septets; an extension
	 * character never has its escape septet in one part and itself in the next.
	 */
	static List<String> gsm7Segments(String text) {
		if (GsmAlphabet.septetCount(text) <= GSM7_SINGLE_SEPTETS) {
			return List.of(text);
		}
		List<String> segments = new ArrayList<>();
		int start = 0;
		int septets = 0;
		for (int i = 0; i < text.length(); i++) {
			int width = GsmAlphabet.septets(text.charAt(i));
			if (septets + width > GSM7_PART_SEPTETS) {
				segments.add(text.substring(start, i));
				start = i;
				septets = 0;
			}
			septets += width;
		}
		segments.add(text.substring(start));
		return segments;
	}

	/**
	 * Cuts a text into UTF-16 code units, the way UCS2 SMS carry it; a part never ends
	 * between the two halves of a surrogate pair, so it may then hold one unit fewer.
	 */
	public static List<String> ucs2Segments(String text) {
		if (text.length() <= UCS2_SINGLE_UNITS) {
			return List.of(text);
		}
		List<String> segments = new ArrayList<>();
		int start = 0;
		while (start < text.length()) {
			int end = Math.min(start + UCS2_PART_UNITS, text.length());
			if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
				end--;
			}
			segments.add(text.substring(start, end));
			start = end;
		}
		return segments;
	}

	private static byte[] withHeader(byte[] body, int reference, int total, int sequence) {
		byte[] payload = new byte[UDH_LENGTH + body.length];
		payload[0] = 0x05;
		payload[1] = 0x00;
		payload[2] = 0x03;
		payload[3] = (byte) reference;
		payload[4] = (byte) total;
		payload[5] = (byte) sequence;
		System.arraycopy(body, 0, payload, UDH_LENGTH, body.length);
		return payload;
	}

	/**
	 * @param dataCoding the submit_sm data_coding
	 * @param segments the text of each part, in order
	 * @param payloads the short_message of each part, in order; with a concatenation
	 * header when there is more than one
	 */
	record Split(int dataCoding, List<String> segments, List<byte[]> payloads) {

		Split {
			segments = List.copyOf(segments);
			payloads = List.copyOf(payloads);
		}

		boolean concatenated() {
			return this.payloads.size() > 1;
		}

	}

}
