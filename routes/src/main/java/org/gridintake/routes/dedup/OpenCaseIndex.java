package org.gridintake.routes.dedup;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.gridintake.routes.geo.GeoPoint;

/**
 * Port: open master cases by category and position, shared by every gateway instance.
 * PostgreSQL stays the source of truth; this index can be rebuilt from it at any time.
 * Every method throws {@link MergeIndexUnavailableException} when the index cannot be
 * reached.
 */
public interface OpenCaseIndex {

	/** Open masters of a category within {@code radiusMeters}, nearest first. */
	List<MergeCandidate> near(String categoryCode, GeoPoint point, double radiusMeters, int limit);

	void add(OpenCase openCase);

	/** Takes a case out, e.g. when it closes, is split or turns out to be a duplicate. */
	void remove(UUID caseId, String categoryCode);

	/** Drops entries opened longer ago than {@code maxAge}. */
	void prune(Duration maxAge, java.time.Instant now);

	/**
	 * Holds the area around {@code point} for one category, across all instances, until
	 * closed, so two reports of one incident decided at the same moment cannot both
	 * become masters. Waits a bounded time for a holder to finish.
	 * @throws MergeIndexUnavailableException when the area could not be held in time
	 */
	AreaLock lock(String categoryCode, GeoPoint point, double radiusMeters);

	/**
	 * Holds the area as {@link #lock} does and finds the open masters in it as
	 * {@link #near} does. An index may do both in one round trip; the caller closes the
	 * lock, or hands it to {@link #addAndRelease}.
	 * @throws MergeIndexUnavailableException when the area could not be held in time or
	 * the index cannot be searched; the area is then not held
	 */
	default HeldArea hold(String categoryCode, GeoPoint point, double radiusMeters, int limit) {
		AreaLock lock = lock(categoryCode, point, radiusMeters);
		try {
			return new HeldArea(lock, near(categoryCode, point, radiusMeters, limit));
		}
		catch (MergeIndexUnavailableException ex) {
			try {
				lock.close();
			}
			catch (MergeIndexUnavailableException notReleased) {
				ex.addSuppressed(notReleased);
			}
			throw ex;
		}
	}

	/**
	 * Adds a new open case and lets go of the area it was decided in; an index may do
	 * both in one round trip. When it throws, neither may have happened: the lock's lease
	 * frees the area, and the next rebuild indexes the case.
	 */
	default void addAndRelease(OpenCase openCase, AreaLock lock) {
		try {
			add(openCase);
		}
		finally {
			lock.close();
		}
	}

	/**
	 * Whether the index holds a complete build; false after Redis lost its data, so a
	 * rebuild is due.
	 */
	boolean isBuilt();

	/** Replaces the whole index with these cases (a rebuild from the source of truth). */
	void replaceAll(Collection<OpenCase> openCases);

	/** A held area and the open masters found in it when it was taken. */
	record HeldArea(AreaLock lock, List<MergeCandidate> candidates) {
	}

	/** A held area; closing it lets others decide there. */
	interface AreaLock extends AutoCloseable {

		@Override
		void close();

	}

}
