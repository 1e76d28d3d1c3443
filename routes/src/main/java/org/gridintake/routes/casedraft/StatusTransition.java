package org.gridintake.routes.casedraft;

import java.util.List;

/**
 * Decides a status change from a case's current state, inside the store's transaction.
 */
@FunctionalInterface
public interface StatusTransition {

	/**
	 * @param current the case as stored, locked
	 * @param reporters everyone who reported it: its own reporter and those of the
	 * reports merged into it
	 */
	StatusChange decide(CaseDraft current, List<Reporter> reporters);

}
