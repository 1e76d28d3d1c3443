package org.gridintake.routes.forward;

import org.gridintake.routes.routing.PlatformEndpoint;

/**
 * Port: posts a case to a platform, with a timeout; never throws for a platform's
 * failure.
 */
public interface PlatformClient {

	/**
	 * @param idempotencyKey the same for every attempt of one forward, so a platform that
	 * got an earlier attempt does not book the case twice
	 */
	ForwardOutcome forward(PlatformEndpoint platform, PlatformCase platformCase, String idempotencyKey);

	/**
	 * Tells a platform that a case it has now stands for more (or fewer) reports; the
	 * body is the case as it is now, so a repeated update is harmless.
	 */
	ForwardOutcome update(PlatformEndpoint platform, PlatformCase platformCase, String idempotencyKey);

	/**
	 * Tells a platform something about a case it holds or held:
	 * {@code POST <cases url>/<case number>/withdrawal} or {@code …/reminders}, with the
	 * case as it is now and why.
	 */
	ForwardOutcome notice(PlatformEndpoint platform, PlatformNotice notice, String idempotencyKey);

}
