package org.gridintake.gateway.replay;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.gridintake.adapters.sms.simulator.SmscSimulator;

/**
 * How the replay hands a resident's text to the gateway: as deliver_sm from an SMSC the
 * gateway is bound to.
 */
interface SmsDelivery {

	/**
	 * Delivers one text and waits for the deliver_sm_resp of every part.
	 * @return the command_status of each part; all 0 means the gateway stored it
	 */
	List<Integer> deliver(String from, String shortCode, String text) throws IOException, InterruptedException;

	/** Through a simulator in this process: the replay's own, or a test's. */
	static SmsDelivery through(SmscSimulator simulator) {
		return simulator::deliver;
	}

	/**
	 * Through the embedded default's simulator, by its {@code /embedded/sms} endpoint;
	 * the latency then includes that HTTP call.
	 */
	static SmsDelivery embedded(HttpClient http, URI endpoint, ObjectMapper json) {
		return (from, shortCode, text) -> {
			String form = "from=" + URLEncoder.encode(from, StandardCharsets.UTF_8) + "&to="
					+ URLEncoder.encode(shortCode, StandardCharsets.UTF_8) + "&text="
					+ URLEncoder.encode(text, StandardCharsets.UTF_8);
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			if (response.statusCode() != 202) {
				throw new IOException(endpoint + " answered " + response.statusCode() + ": " + response.body());
			}
			List<Integer> statuses = new ArrayList<>();
			for (JsonNode status : json.readTree(response.body()).path("deliver_sm_resp")) {
				statuses.add(status.asInt());
			}
			return statuses;
		};
	}

}
