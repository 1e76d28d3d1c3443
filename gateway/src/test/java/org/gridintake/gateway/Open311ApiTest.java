package org.gridintake.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Open311 GeoReport v2 clients post and read cases through the portal pipeline: the field
 * names, formats and error shapes are the spec's.
 */
class Open311ApiTest extends GatewayIntegrationTest {

	private static final String GRID = "110199005001029";

	@Test
	void servicesListTheTaxonomyInBothFormats() {
		List<Map<String, Object>> services = listOf(this.http.get().uri("/open311/v2/services.json").exchange());
		assertThat(services).anySatisfy((service) -> assertThat(service).containsEntry("service_code", "1109")
			.containsEntry("service_name", "餐饮油烟")
			.containsEntry("metadata", false)
			.containsEntry("type", "realtime")
			.containsEntry("group", "事件")
			.containsKeys("description", "keywords"));
		this.http.get()
			.uri("/open311/v2/services.xml")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_XML)
			.expectBody()
			.xpath("/services/service[service_code='0101']/group")
			.isEqualTo("部件");
	}

	@Test
	void aFormEncodedRequestIsLocatedAndReadBackAsJsonAndXml() {
		String description = "饭馆油烟直排<script>alert(1)</script>" + UUID.randomUUID();
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("service_code", "1109");
		form.add("lat", "39.914483");
		form.add("long", "116.411522");
		form.add("crs", "gcj02");
		form.add("description", description);
		form.add("address_string", "双榆街115号楼下");
		form.add("phone", "13800138000");
		form.add("jurisdiction_id", "110199");
		List<Map<String, Object>> created = listOf(this.http.post()
			.uri("/open311/v2/requests.json")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData(form))
			.exchange()
			.expectStatus()
			.isCreated());
		assertThat(created).hasSize(1);
		assertThat(created.get(0)).containsOnlyKeys("service_request_id", "service_notice", "account_id")
			.containsEntry("account_id", null);
		String id = (String) created.get(0).get("service_request_id");
		assertThat(id).matches("QH\\d{8}-\\d{6,}");
		assertThat(gridOf(id)).isEqualTo(GRID);

		List<Map<String, Object>> read = listOf(this.http.get().uri("/open311/v2/requests/{id}.json", id).exchange());
		assertThat(read).hasSize(1);
		assertThat(read.get(0)).containsEntry("service_request_id", id)
			.containsEntry("status", "open")
			.containsEntry("service_code", "1109")
			.containsEntry("service_name", "餐饮油烟")
			.containsEntry("description", description)
			.containsEntry("address", "双榆街115号楼下")
			.containsKeys("status_notes", "requested_datetime", "updated_datetime", "lat", "long", "detailed_status",
					"notes");
		assertThat((Double) read.get(0).get("lat")).isCloseTo(39.913, org.assertj.core.data.Offset.offset(0.01));
		String rawJson = this.http.get()
			.uri("/open311/v2/requests/{id}.json", id)
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(rawJson).doesNotContain("<script>").doesNotContain("13800138000");

		String xml = this.http.get()
			.uri("/open311/v2/requests/{id}.xml", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_XML)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><service_requests><request>")
			.contains("<service_request_id>" + id + "</service_request_id>")
			.contains("<status>open</status>")
			.contains("&lt;script&gt;")
			.doesNotContain("<script>")
			.doesNotContain("13800138000");
	}

	@Test
	void aJsonRequestIsAcceptedAndListedByItsId() {
		String description = "烧烤油烟" + UUID.randomUUID();
		String body = """
				{"service_code": "1109", "lat": 39.914483, "long": 116.411522, "crs": "gcj02",
				 "description": "%s", "media_url": "https://example.org/p/1.jpg"}""".formatted(description);
		String xml = this.http.post()
			.uri("/open311/v2/requests.xml")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(xml).contains("<service_requests><request><service_request_id>QH").contains("<account_id/>");
		String id = xml.replaceAll(".*<service_request_id>([^<]+)</service_request_id>.*", "$1");
		assertThat(gridOf(id)).isEqualTo(GRID);

		// the same request again is the same case, not a second one
		List<Map<String, Object>> again = listOf(this.http.post()
			.uri("/open311/v2/requests.json")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk());
		assertThat(again.get(0)).containsEntry("service_request_id", id);

		List<Map<String, Object>> listed = listOf(this.http.get()
			.uri("/open311/v2/requests.json?service_request_id={id},QH20000101-999999&status=open&service_code=1109",
					id)
			.exchange());
		assertThat(listed).extracting((request) -> request.get("service_request_id")).containsExactly(id);
		assertThat(listOf(
				this.http.get().uri("/open311/v2/requests.json?service_request_id={id}&status=closed", id).exchange()))
			.isEmpty();
	}

	@Test
	void errorsHaveTheSpecsShape() {
		List<Map<String, Object>> missingCode = listOf(this.http.post()
			.uri("/open311/v2/requests.json")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("lat=39.914483&long=116.411522&description=x")
			.exchange()
			.expectStatus()
			.isBadRequest());
		assertThat(missingCode).containsExactly(Map.of("code", 400, "description", "service_code: is required"));

		List<Map<String, Object>> badLat = listOf(this.http.post()
			.uri("/open311/v2/requests.json")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("service_code=1109&lat=95&long=116.411522&description=x")
			.exchange()
			.expectStatus()
			.isBadRequest());
		assertThat(badLat)
			.containsExactly(Map.of("code", 400, "description", "lat: must be a latitude between -90 and 90"));

		this.http.post()
			.uri("/open311/v2/requests.xml")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("service_code=1109&lat=north&long=116.4&description=x")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.xpath("/errors/error/code")
			.isEqualTo("400")
			.xpath("/errors/error/description")
			.isEqualTo("lat: must be a decimal number");

		List<Map<String, Object>> unknownJurisdiction = listOf(this.http.post()
			.uri("/open311/v2/requests.json")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("jurisdiction_id=310101&service_code=1109&address_string=x&description=x")
			.exchange()
			.expectStatus()
			.isNotFound());
		assertThat(unknownJurisdiction)
			.containsExactly(Map.of("code", 404, "description", "jurisdiction_id: is not served here"));

		this.http.get()
			.uri("/open311/v2/requests/QH20000101-999999.xml")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.xpath("/errors/error/code")
			.isEqualTo("404");
		assertThat(casesWithText("x")).isZero();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> listOf(
			org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec response) {
		return response.expectBody(List.class).returnResult().getResponseBody();
	}

	private String gridOf(String caseNumber) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.sql("select grid_code from report_case where case_number = ?")
				.param(caseNumber)
				.query(String.class)
				.optional()
				.orElse(null), (grid) -> grid != null);
	}

}
