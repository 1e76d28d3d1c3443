package org.gridintake.gateway;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Open311 {@code GET requests} without ids: the spec's search by state, service code and
 * date, newest first, over the last 90 days unless told otherwise. Listings are public,
 * so they carry no phone numbers, and what residents typed comes back as text, never
 * markup.
 */
class Open311SearchTest extends GatewayIntegrationTest {

	/** The spec's example: {@code 2010-04-14T06:37:38-08:00}, here in the city's zone. */
	private static final String W3C_DATETIME_IN_BEIJING = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+08:00";

	@Test
	void requestsAreFoundByStateServiceCodeAndDateNewestFirst() {
		String since = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1).toString();
		// two restaurants two doors apart: two incidents, not one reported twice
		String smoke = created("1109", "饭馆油烟直排" + UUID.randomUUID(), "双榆街115号");
		String lamp = created("0101", "路灯不亮" + UUID.randomUUID());
		String closed = created("1109", "烧烤油烟" + UUID.randomUUID(), "双榆街121号");
		await().atMost(Duration.ofSeconds(20)).until(() -> "FORWARDED".equals(statusOf(closed)));
		postStatus("qh-streets", """
				{"case_number": "%s", "status": "CLOSED", "note": "已取缔"}""".formatted(closed), PLATFORM_SECRET)
			.expectStatus()
			.isOk();

		assertThat(idsIn("/open311/v2/requests.json?start_date=" + since)).containsSubsequence(closed, lamp, smoke);
		assertThat(idsIn("/open311/v2/requests.json")).contains(closed, lamp, smoke);
		assertThat(idsIn("/open311/v2/requests.json?status=closed&start_date=" + since)).contains(closed)
			.doesNotContain(smoke, lamp);
		assertThat(idsIn("/open311/v2/requests.json?status=open&service_code=1109&start_date=" + since)).contains(smoke)
			.doesNotContain(lamp, closed);
		assertThat(idsIn("/open311/v2/requests.json?service_code=0101,1109&status=open,closed&start_date=" + since))
			.contains(smoke, lamp, closed);
		assertThat(idsIn("/open311/v2/requests.json?end_date=" + Instant.parse(since).minusSeconds(1)))
			.doesNotContain(smoke, lamp, closed);

		List<Map<String, Object>> listed = listOf(
				this.http.get().uri("/open311/v2/requests.json?status=closed&start_date=" + since).exchange());
		assertThat(listed).filteredOn((request) -> closed.equals(request.get("service_request_id")))
			.singleElement()
			.satisfies((request) -> assertThat(request).containsEntry("status", "closed")
				.containsEntry("status_notes", "已取缔")
				.containsEntry("service_code", "1109")
				.containsEntry("detailed_status", "CLOSED")
				.containsKeys("service_name", "description", "agency_responsible", "address", "lat", "long",
						"media_url")
				.hasEntrySatisfying("requested_datetime",
						(at) -> assertThat((String) at).matches(W3C_DATETIME_IN_BEIJING))
				.hasEntrySatisfying("updated_datetime",
						(at) -> assertThat((String) at).matches(W3C_DATETIME_IN_BEIJING)));
		String body = this.http.get()
			.uri("/open311/v2/requests.xml?start_date=" + since)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).doesNotContain("13800138000")
			.contains("<service_request_id>" + lamp + "</service_request_id>");
	}

	@Test
	void theDefaultWindowIsTheLastNinetyDays() {
		String old = created("1109", "旧案" + UUID.randomUUID());
		this.jdbc.sql("update report_case set received_at = now() - interval '100 days' where case_number = ?")
			.param(old)
			.update();
		assertThat(idsIn("/open311/v2/requests.json")).doesNotContain(old);
		Instant now = Instant.now();
		assertThat(idsIn("/open311/v2/requests.json?start_date=" + now.minus(Duration.ofDays(101)) + "&end_date="
				+ now.minus(Duration.ofDays(99))))
			.contains(old);
		// by its id it is found whatever its age
		assertThat(idsIn("/open311/v2/requests.json?service_request_id=" + old)).containsExactly(old);
	}

	@Test
	void badParametersAreNamedInTheSpecsErrorShape() {
		assertThat(listOf(this.http.get()
			.uri("/open311/v2/requests.json?start_date=yesterday&status=pending")
			.exchange()
			.expectStatus()
			.isBadRequest())).containsExactly(
					Map.of("code", 400, "description", "status: must be open or closed, or both separated by a comma"),
					Map.of("code", 400, "description",
							"start_date: must be a W3C date-time with a time zone, such as 2026-07-01T08:00:00+08:00"));
		this.http.get()
			.uri("/open311/v2/requests.xml?start_date=2026-01-01T00:00:00Z&end_date=2026-07-01T00:00:00Z")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_XML)
			.expectBody()
			.xpath("/errors/error/code")
			.isEqualTo("400")
			.xpath("/errors/error/description")
			.isEqualTo("end_date: must be at most 90 days after start_date");
		this.http.get().uri("/open311/v2/requests.json?jurisdiction_id=310101").exchange().expectStatus().isNotFound();
	}

	@Test
	void markupResidentsTypeComesBackAsTextInXmlAndJson() throws Exception {
		String typed = "井盖<script>alert(\"x\")</script><img src=x onerror=alert(1)> & 'q' \"dq\" " + UUID.randomUUID();
		String id = created("0102", typed);

		String one = xml("/open311/v2/requests/" + id + ".xml");
		String listed = xml("/open311/v2/requests.xml?service_code=0102");
		for (String xml : List.of(one, listed)) {
			assertThat(xml).doesNotContain("<script", "<img");
			Document document = parse(xml);
			NodeList requests = document.getDocumentElement().getElementsByTagName("request");
			boolean found = false;
			for (int i = 0; i < requests.getLength(); i++) {
				Element request = (Element) requests.item(i);
				if (id.equals(text(request, "service_request_id"))) {
					assertThat(text(request, "description")).isEqualTo(typed);
					found = true;
				}
			}
			assertThat(found).as("case %s in %s", id, xml).isTrue();
		}

		String json = this.http.get()
			.uri("/open311/v2/requests/{id}.json", id)
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(json).doesNotContain("</script>", "<script", "<img", "'");
		assertThat(new ObjectMapper().readTree(json).get(0).get("description").asText()).isEqualTo(typed);
	}

	private String created(String serviceCode, String description) {
		return created(serviceCode, description, null);
	}

	private String created(String serviceCode, String description, String address) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		if (address != null) {
			form.add("address_string", address);
		}
		form.add("service_code", serviceCode);
		form.add("lat", "39.914483");
		form.add("long", "116.411522");
		form.add("crs", "gcj02");
		form.add("description", description);
		form.add("phone", "13800138000");
		return (String) listOf(this.http.post()
			.uri("/open311/v2/requests.json")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData(form))
			.exchange()
			.expectStatus()
			.isCreated()).get(0).get("service_request_id");
	}

	private List<Object> idsIn(String uri) {
		return listOf(this.http.get().uri(uri).exchange().expectStatus().isOk()).stream()
			.map((request) -> request.get("service_request_id"))
			.toList();
	}

	private String statusOf(String caseNumber) {
		return this.jdbc.sql("select status from report_case where case_number = ?")
			.param(caseNumber)
			.query(String.class)
			.single();
	}

	private String xml(String uri) {
		return this.http.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	private static Document parse(String xml) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
		return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
	}

	private static String text(Element parent, String child) {
		return parent.getElementsByTagName(child).item(0).getTextContent();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> listOf(WebTestClient.ResponseSpec response) {
		return response.expectBody(List.class).returnResult().getResponseBody();
	}

}
