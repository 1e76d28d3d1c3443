package org.gridintake.adapters.sms.mo;

/**
 * Where one part belongs in a concatenated message. Parts of one message share sender,
 * {@link #source()} width, {@link #reference()} and {@link #total()}; an 8-bit and a
 * 16-bit reference of the same number belong to different messages.
 *
 * @param reference the sender's reference for the whole message (8 or 16 bits)
 * @param total how many parts the message has, at least 2
 * @param sequence this part's position, from 1 to {@code total}
 * @param source what carried the concatenation information
 */
record Concatenation(int reference, int total, int sequence, Source source) {

	boolean sixteenBitReference() {
		return this.source != Source.UDH_8BIT;
	}

	enum Source {

		/** User data header element 0x00. */
		UDH_8BIT,

		/** User data header element 0x08. */
		UDH_16BIT,

		/** The sar_msg_ref_num, sar_total_segments and sar_segment_seqnum TLVs. */
		SAR

	}

}
