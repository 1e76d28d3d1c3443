package org.gridintake.routes.casedraft;

import java.util.Optional;

/**
 * Who reported, as far as the gateway may contact them.
 *
 * @param mobile the number, or null when the report came without one
 * @param smsAllowed whether the resident agreed to progress messages
 */
public record Reporter(Mobile mobile, boolean smsAllowed) {

	public static Reporter anonymous() {
		return new Reporter(null, false);
	}

	public Optional<Mobile> contact() {
		return Optional.ofNullable(this.mobile);
	}

	public boolean canBeTexted() {
		return this.mobile != null && this.smsAllowed;
	}

}
