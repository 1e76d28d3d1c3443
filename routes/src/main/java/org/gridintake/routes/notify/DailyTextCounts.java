package org.gridintake.routes.notify;

import java.time.LocalDate;

import org.gridintake.routes.casedraft.Mobile;

/**
 * Port: how many progress texts each number got on each local day, shared by every
 * instance, so the limit holds however many instances send.
 */
public interface DailyTextCounts {

	/**
	 * Counts one more text to the number on that day, if it stays within {@code max}.
	 * @return false when the number already had {@code max} texts that day
	 */
	boolean reserve(Mobile to, LocalDate day, int max);

	/** Gives back a reservation whose text was not sent. */
	void release(Mobile to, LocalDate day);

}
