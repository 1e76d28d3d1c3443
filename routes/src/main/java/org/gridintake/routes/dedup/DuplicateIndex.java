package org.gridintake.routes.dedup;

import java.time.Duration;
import java.util.Optional;

import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.casedraft.Channel;
import org.gridintake.routes.casedraft.ChannelRef;

/**
 * Port: remembers which channel references already became cases, for a while, so a
 * repeated delivery is answered with the case it already created.
 */
public interface DuplicateIndex {

	/**
	 * The case a reference already became.
	 * @throws DuplicateIndexUnavailableException when the index cannot be asked now
	 */
	Optional<CaseNumber> find(Channel channel, ChannelRef ref);

	/**
	 * Remembers that a reference became a case; called only after the case is stored.
	 * @throws DuplicateIndexUnavailableException when the index cannot be written now
	 */
	void remember(Channel channel, ChannelRef ref, CaseNumber caseNumber, Duration ttl);

}
