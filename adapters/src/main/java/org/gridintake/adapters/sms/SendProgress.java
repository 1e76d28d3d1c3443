package org.gridintake.adapters.sms;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How far one text has got at the SMSC: its parts, split once so that a resumed send
 * keeps the concatenation reference the handset joins them by, and the message id of each
 * part the SMSC answered. A part the SMSC answered is never submitted again. Used by one
 * sender at a time.
 */
final class SendProgress {

	private final SmsSplitter.Split split;

	private final List<String> messageIds = new ArrayList<>();

	SendProgress(SmsSplitter.Split split) {
		this.split = Objects.requireNonNull(split, "split");
	}

	SmsSplitter.Split split() {
		return this.split;
	}

	int totalParts() {
		return this.split.payloads().size();
	}

	/** The first part the SMSC has not answered; from 0. */
	int nextPart() {
		return this.messageIds.size();
	}

	void accepted(String messageId) {
		if (nextPart() >= totalParts()) {
			throw new IllegalStateException("every part was already accepted");
		}
		this.messageIds.add(messageId);
	}

	/** The message ids of the parts accepted so far, in order. */
	List<String> messageIds() {
		return List.copyOf(this.messageIds);
	}

}
