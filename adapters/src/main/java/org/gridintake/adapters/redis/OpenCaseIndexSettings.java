package org.gridintake.adapters.redis;

import java.time.Duration;

/**
 * How the open-case index lays out its keys and holds areas.
 *
 * @param keyPrefix every key of the index starts with this, so a test or a second
 * district can have an index of its own in one Redis
 * @param lockCellMeters the side of the square cells an area lock holds (north-south; a
 * cell is narrower east-west by the cosine of the latitude). Smaller cells let reports a
 * street apart proceed in parallel; larger ones take fewer keys per lock
 * @param lockLease how long a held area stays held if its holder dies without letting go;
 * it must outlast the longest decision (search, store the case, add it)
 * @param lockWait how long to wait for an area another instance holds before giving up
 * (the report is then stored and merged later)
 */
public record OpenCaseIndexSettings(String keyPrefix, double lockCellMeters, Duration lockLease, Duration lockWait) {

	public static final OpenCaseIndexSettings DEFAULTS = new OpenCaseIndexSettings("gi:merge:", 500,
			Duration.ofSeconds(10), Duration.ofSeconds(3));

	public OpenCaseIndexSettings {
		if (keyPrefix == null || keyPrefix.isBlank()) {
			throw new IllegalArgumentException("keyPrefix must not be blank");
		}
		if (!(lockCellMeters >= 10 && lockCellMeters <= 100_000)) {
			throw new IllegalArgumentException("lockCellMeters must be within 10..100000, not " + lockCellMeters);
		}
		if (lockLease == null || lockLease.toMillis() < 1) {
			throw new IllegalArgumentException("lockLease must be at least a millisecond, not " + lockLease);
		}
		if (lockWait == null || lockWait.isNegative()) {
			throw new IllegalArgumentException("lockWait must not be negative, not " + lockWait);
		}
	}

	public OpenCaseIndexSettings withKeyPrefix(String prefix) {
		return new OpenCaseIndexSettings(prefix, this.lockCellMeters, this.lockLease, this.lockWait);
	}

}
