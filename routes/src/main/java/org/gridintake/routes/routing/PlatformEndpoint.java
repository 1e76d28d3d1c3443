package org.gridintake.routes.routing;

import java.net.URI;
import java.util.Objects;

import org.gridintake.routes.geo.GridLevel;

/**
 * A community, street or district platform that handles cases for an area.
 *
 * @param id stable id, used in callbacks and in case history
 * @param name a name operators recognise
 * @param level the level it works at
 * @param areaCode the grid-hierarchy code it covers; every area whose code starts with it
 * @param casesUrl where new cases are posted
 * @param receivesReporterContact whether it may see reporters' full numbers
 * @param callbackSecret the shared secret its status callbacks are signed with
 * @param protocol how cases are posted and status is learnt; for Open311 platforms
 * {@code casesUrl} is the GeoReport v2 base (the one {@code requests.json} is under)
 */
public record PlatformEndpoint(String id, String name, GridLevel level, String areaCode, URI casesUrl,
		boolean receivesReporterContact, String callbackSecret, PlatformProtocol protocol) {

	public PlatformEndpoint {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(level, "level");
		Objects.requireNonNull(areaCode, "areaCode");
		Objects.requireNonNull(casesUrl, "casesUrl");
		protocol = (protocol != null) ? protocol : PlatformProtocol.json();
	}

	/** A JSON platform that calls back. */
	public PlatformEndpoint(String id, String name, GridLevel level, String areaCode, URI casesUrl,
			boolean receivesReporterContact, String callbackSecret) {
		this(id, name, level, areaCode, casesUrl, receivesReporterContact, callbackSecret, PlatformProtocol.json());
	}

	public boolean covers(String code) {
		return code != null && code.startsWith(this.areaCode);
	}

}
