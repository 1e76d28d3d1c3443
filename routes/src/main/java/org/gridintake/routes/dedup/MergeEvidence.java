package org.gridintake.routes.dedup;

import java.time.Duration;

/**
 * Why a report was merged into a master, stored on the link so an operator can judge it.
 *
 * @param distanceMeters between the report and the master
 * @param categoryCode the category both share
 * @param similarity of their problem texts, 0 to 1
 * @param timeGap from the master's opening to the report
 * @param door what door numbers said
 */
public record MergeEvidence(double distanceMeters, String categoryCode, double similarity, Duration timeGap,
		DoorEvidence door) {

	/** What the door addresses of the two reports said. */
	public enum DoorEvidence {

		/** both name the same door */
		SAME_DOOR,
		/** one or neither names a door */
		NONE

	}

}
