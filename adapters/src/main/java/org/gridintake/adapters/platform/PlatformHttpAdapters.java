package org.gridintake.adapters.platform;

import java.net.http.HttpClient;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.gridintake.routes.forward.PlatformClient;

/** The HTTP side of the platform port. */
public final class PlatformHttpAdapters {

	private PlatformHttpAdapters() {
	}

	public static PlatformClient jsonClient(Duration connectTimeout, Duration requestTimeout) {
		HttpClient http = HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
			.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
			.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
		return new HttpPlatformClient(http, json, requestTimeout);
	}

}
