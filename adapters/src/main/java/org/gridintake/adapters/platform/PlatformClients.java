package org.gridintake.adapters.platform;

import java.util.EnumMap;
import java.util.Map;

import org.gridintake.routes.forward.ForwardOutcome;
import org.gridintake.routes.forward.PlatformCase;
import org.gridintake.routes.forward.PlatformClient;
import org.gridintake.routes.routing.PlatformEndpoint;
import org.gridintake.routes.routing.PlatformProtocol;
import org.gridintake.routes.status.PlatformStatusSource;
import org.gridintake.routes.status.PolledStatus;

/** Hands each call to the client of the platform's type. */
class PlatformClients implements PlatformClient, PlatformStatusSource {

	private final Map<PlatformProtocol.Type, Client> byType;

	/** What every type's client can do. */
	interface Client extends PlatformClient, PlatformStatusSource {

	}

	PlatformClients(Map<PlatformProtocol.Type, ? extends Client> byType) {
		this.byType = new EnumMap<>(PlatformProtocol.Type.class);
		this.byType.putAll(byType);
		for (PlatformProtocol.Type type : PlatformProtocol.Type.values()) {
			if (!this.byType.containsKey(type)) {
				throw new IllegalArgumentException("no platform client for type " + type);
			}
		}
	}

	@Override
	public ForwardOutcome forward(PlatformEndpoint platform, PlatformCase platformCase, String idempotencyKey) {
		return clientFor(platform).forward(platform, platformCase, idempotencyKey);
	}

	@Override
	public ForwardOutcome update(PlatformEndpoint platform, PlatformCase platformCase, String idempotencyKey) {
		return clientFor(platform).update(platform, platformCase, idempotencyKey);
	}

	@Override
	public ForwardOutcome notice(PlatformEndpoint platform, org.gridintake.routes.forward.PlatformNotice notice,
			String idempotencyKey) {
		return clientFor(platform).notice(platform, notice, idempotencyKey);
	}

	@Override
	public PolledStatus fetch(PlatformEndpoint platform, String caseNumber, String platformCaseId) {
		return clientFor(platform).fetch(platform, caseNumber, platformCaseId);
	}

	private Client clientFor(PlatformEndpoint platform) {
		return this.byType.get(platform.protocol().type());
	}

}
