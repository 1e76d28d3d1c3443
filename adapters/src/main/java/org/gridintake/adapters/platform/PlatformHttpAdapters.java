package org.gridintake.adapters.platform;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.gridintake.routes.forward.PlatformClient;
import org.gridintake.routes.routing.PlatformProtocol;
import org.gridintake.routes.status.PlatformStatusSource;

/** The HTTP side of the platform ports. */
public final class PlatformHttpAdapters {

	private PlatformHttpAdapters() {
	}

	/**
	 * The platform clients, one per platform type; each call goes to the client of its
	 * platform's type.
	 *
	 * @param forwarding posts cases and updates
	 * @param status fetches the status of a case from a platform that cannot call back
	 */
	public record Clients(PlatformClient forwarding, PlatformStatusSource status) {
	}

	public static Clients clients(Duration connectTimeout, Duration requestTimeout) {
		PlatformHttp http = new PlatformHttp(HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build());
		ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
			.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
			.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
		PlatformClients clients = new PlatformClients(
				Map.of(PlatformProtocol.Type.JSON, new HttpPlatformClient(http, json, requestTimeout),
						PlatformProtocol.Type.OPEN311, new Open311PlatformClient(http, json, requestTimeout)));
		return new Clients(clients, clients);
	}

}
