package org.gridintake.adapters.platform;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.gridintake.routes.forward.ForwardOutcome;

/**
 * What every platform client shares: sending with a timeout, and reading an HTTP answer
 * the same way whatever the wire format. 2xx is done; 408, 425, 429, 5xx, timeouts and
 * connection failures are worth retrying; any other 4xx is a refusal.
 */
final class PlatformHttp {

	private final HttpClient http;

	PlatformHttp(HttpClient http) {
		this.http = http;
	}

	/** The answer, or why there is none (the platform could not be reached in time). */
	record Answer(int status, String body, String failure) {

		boolean ok() {
			return this.failure == null && this.status >= 200 && this.status < 300;
		}

		boolean retryable() {
			return this.failure != null || this.status == 408 || this.status == 425 || this.status == 429
					|| this.status >= 500;
		}

		String describe() {
			return (this.failure != null) ? this.failure : "HTTP " + this.status + ": " + abbreviate(this.body);
		}

		/** The outcome of a send that was not booked. */
		ForwardOutcome notBooked() {
			return retryable() ? new ForwardOutcome.RetryLater(describe()) : new ForwardOutcome.Refused(describe());
		}

	}

	Answer send(HttpRequest request) {
		try {
			HttpResponse<String> response = this.http.send(request,
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Answer(response.statusCode(), response.body(), null);
		}
		catch (IOException ex) {
			return new Answer(0, null, ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer(0, null, "interrupted");
		}
	}

	/**
	 * {@code base} + "/" + the encoded segment + suffix, whether or not base ends in /.
	 */
	static URI under(URI base, String segment, String suffix) {
		String text = base.toString();
		return URI.create((text.endsWith("/") ? text : text + "/")
				+ URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20") + suffix);
	}

	static String form(java.util.Map<String, String> fields) {
		StringBuilder body = new StringBuilder();
		fields.forEach((name, value) -> {
			if (value == null) {
				return;
			}
			if (body.length() > 0) {
				body.append('&');
			}
			body.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
				.append('=')
				.append(URLEncoder.encode(value, StandardCharsets.UTF_8));
		});
		return body.toString();
	}

	/** A W3C date-time with a zone, or null when it is missing or not one. */
	static Instant instant(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return OffsetDateTime.parse(text.trim()).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	static String abbreviate(String text) {
		if (text == null) {
			return "";
		}
		return (text.length() > 200) ? text.substring(0, 200) + "…" : text;
	}

}
