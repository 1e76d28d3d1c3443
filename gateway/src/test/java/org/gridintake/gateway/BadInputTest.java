package org.gridintake.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Whatever a client or a handset sends, the gateway answers it plainly, keeps nothing it
 * refused, and goes on accepting good reports right after.
 */
class BadInputTest extends GatewayIntegrationTest {

	private static final String SHORT_CODE = "12345";

	/** Every HTTP channel that takes a JSON body, with a body it accepts. */
	private static final List<Channel> JSON_CHANNELS = List.of(
			new Channel("portal", HttpMethod.POST, "/api/v1/reports", """
					{"text": "双榆街115号楼下路灯不亮了", "location": {"lon": 116.411522, "lat": 39.914483, "crs": "gcj02"}}"""),
			new Channel("hotline", HttpMethod.POST, "/api/v1/hotline/calls", """
					{"call_id": "CC-%s", "operator_id": "OP016", "caller": "010-6512 3456",
					 "started_at": "2026-07-01T07:55:00+08:00", "ended_at": "2026-07-01T07:58:30+08:00",
					 "summary": "来电人反映双榆街115号楼下路灯不亮。", "address": "双榆街115号楼下"}"""),
			new Channel("hotline amendment", HttpMethod.PUT, "/api/v1/hotline/calls/CC-no-such-call", """
					{"operator_id": "OP016", "summary": "补充：路灯整晚不亮"}"""),
			new Channel("field batch", HttpMethod.POST, "/api/v1/field/batches", """
					{"worker_id": "GW0070032", "reports": [{"client_id": "FV-%s", "category": "0109",
					 "text": "路灯不亮", "location": {"lon": 116.3914713, "lat": 39.9075869, "crs": "wgs84"},
					 "taken_at": "2026-07-01T07:55:00+08:00", "outside_area": false, "photos": []}]}"""),
			new Channel("open311", HttpMethod.POST, "/open311/v2/requests.json", """
					{"service_code": "1109", "lat": 39.914483, "long": 116.411522, "description": "油烟直排"}"""),
			new Channel("platform callback", HttpMethod.POST, "/api/v1/platforms/qh-streets/status", """
					{"case_number": "QH20000101-999999", "status": "DISPATCHED", "note": "网格员已出发"}"""));

	private static final List<byte[]> MALFORMED = List.of(utf8("{\"text\": \"路灯坏了\", "), utf8("{\"text\": \"路灯\"}}"),
			utf8("{'text': '单引号'}"), utf8("{\"text\": \"路灯\" \"mobile\": \"1\"}"),
			utf8("<report><text>路灯</text></report>"), utf8("[]"), utf8("\"just a string\""), utf8("42"), utf8("null"),
			utf8("{\"text\": NaN}"),
			// a lone continuation byte, an overlong slash and a truncated three-byte
			// sequence
			concat(utf8("{\"text\": \""),
					new byte[] { (byte) 0x80, (byte) 0xC0, (byte) 0xAF, (byte) 0xE8, (byte) 0xB7 }, utf8("\"}")),
			// a surrogate half encoded in UTF-8 (CESU), which no valid UTF-8 holds
			concat(utf8("{\"text\": \""), new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0xBD }, utf8("\"}")));

	@Test
	void malformedBodiesAreRefusedAtEveryJsonChannelAndNothingIsKept() {
		int before = allCases();
		for (Channel channel : JSON_CHANNELS) {
			for (byte[] body : MALFORMED) {
				EntityExchangeResult<byte[]> answer = send(channel, MediaType.APPLICATION_JSON, body);
				assertThat(answer.getStatus().value()).as("%s: %s", channel.name, printable(body)).isIn(400, 404, 422);
				if (answer.getStatus().value() == 400) {
					assertNamesAField(channel, answer);
				}
			}
		}
		assertThat(allCases()).isEqualTo(before);
		aValidReportIsStillAccepted();
	}

	@Test
	void xmlIsRefusedAsAnUnsupportedMediaTypeNamingTheContentType() {
		byte[] xml = utf8("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>");
		for (Channel channel : JSON_CHANNELS) {
			EntityExchangeResult<byte[]> answer = send(channel, MediaType.APPLICATION_XML, xml);
			assertThat(answer.getStatus().value()).as(channel.name).isEqualTo(415);
			assertThat(text(answer)).as(channel.name).contains("Content-Type").doesNotContain("root:");
		}
		aValidReportIsStillAccepted();
	}

	@Test
	void wrongTypesAreRefusedNamingTheField() {
		assertThat(fieldsOf(send(JSON_CHANNELS.get(0), MediaType.APPLICATION_JSON, utf8("""
				{"text": 42, "location": {"lon": "116.41", "lat": true}}""")))).containsExactly("text");
		assertThat(fieldsOf(send(JSON_CHANNELS.get(0), MediaType.APPLICATION_JSON, utf8("""
				{"text": "路灯不亮", "location": {"lon": "116.41", "lat": 39.9}}""")))).containsExactly("location.lon");
		assertThat(fieldsOf(send(JSON_CHANNELS.get(0), MediaType.APPLICATION_JSON, utf8("""
				{"text": "路灯不亮", "location": [116.41, 39.9]}""")))).containsExactly("location");
		assertThat(fieldsOf(send(JSON_CHANNELS.get(1), MediaType.APPLICATION_JSON, utf8("""
				{"call_id": ["CC-1"], "operator_id": "OP016"}""")))).containsExactly("call_id");
		assertThat(fieldsOf(send(JSON_CHANNELS.get(3), MediaType.APPLICATION_JSON, utf8("""
				{"worker_id": "GW0070032", "reports": {"client_id": "x"}}""")))).containsExactly("reports");
		aValidReportIsStillAccepted();
	}

	@Test
	void coordinatesThatAreNotOnEarthAreRefusedNamingTheField() {
		// JSON has no NaN; 1e400 is a number that only overflows into Infinity
		for (String location : List.of("{\"lon\": 1e400, \"lat\": 39.9}", "{\"lon\": -1e400, \"lat\": 39.9}",
				"{\"lon\": 116.4, \"lat\": 91}", "{\"lon\": 181, \"lat\": 39.9}", "{\"lon\": \"NaN\", \"lat\": 39.9}",
				"{\"lon\": 116.4, \"lat\": \"Infinity\"}")) {
			assertThat(fieldsOf(send(JSON_CHANNELS.get(0), MediaType.APPLICATION_JSON,
					utf8("{\"text\": \"路灯不亮\", \"location\": " + location + "}"))))
				.as(location)
				.singleElement()
				.asString()
				.startsWith("location.");
		}
		for (String form : List.of("lat=NaN&long=116.41", "lat=39.91&long=Infinity", "lat=-Infinity&long=116.41",
				"lat=39.91&long=1e999", "lat=39.91&long=0x1p3", "lat=39.91&long=116.41d")) {
			EntityExchangeResult<byte[]> answer = this.http.post()
				.uri("/open311/v2/requests.json")
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.bodyValue("service_code=1109&description=x&" + form)
				.exchange()
				.expectBody()
				.returnResult();
			assertThat(answer.getStatus().value()).as(form).isEqualTo(400);
			assertThat(text(answer)).as(form).containsPattern("\"description\":\"(lat|long): ");
		}
		assertThat(fieldsOf(send(JSON_CHANNELS.get(3), MediaType.APPLICATION_JSON, utf8("""
				{"worker_id": "GW0070032", "reports": [{"client_id": "FV-nan-%s", "category": "0109", "text": "路灯不亮",
				 "location": {"lon": 1e400, "lat": 39.9}, "taken_at": "2026-07-01T07:55:00+08:00"}]}"""
			.formatted(UUID.randomUUID()))))).contains("reports[0].location.lon");
		aValidReportIsStillAccepted();
	}

	@Test
	void oversizedBodiesAreRefusedWith413AndTheHeapStaysBounded() {
		byte[] huge = new byte[2 * 1024 * 1024];
		Arrays.fill(huge, (byte) 'a');
		byte[] body = concat(utf8("{\"text\": \""), huge, utf8("\"}"));
		long before = usedHeapAfterGc();
		for (int round = 0; round < 5; round++) {
			for (Channel channel : JSON_CHANNELS) {
				EntityExchangeResult<byte[]> answer = send(channel, MediaType.APPLICATION_JSON, body);
				assertThat(answer.getStatus().value()).as(channel.name).isEqualTo(413);
				assertThat(text(answer)).as(channel.name).contains("body");
			}
		}
		// 60 MB were sent; a gateway that kept any of it would show here
		assertThat(usedHeapAfterGc() - before).isLessThan(48L * 1024 * 1024);
		aValidReportIsStillAccepted();
	}

	@Test
	void tenMegabytesThatAreNotAPhotoAreRefusedBeforeTheyAreRead() {
		byte[] notAnImage = new byte[10 * 1024 * 1024];
		new Random(8).nextBytes(notAnImage);
		long before = usedHeapAfterGc();
		for (int round = 0; round < 3; round++) {
			MultipartBodyBuilder upload = new MultipartBodyBuilder();
			upload.part("media", new ByteArrayResource(notAnImage))
				.filename("photo.jpg")
				.contentType(MediaType.IMAGE_JPEG);
			EntityExchangeResult<byte[]> photos = this.http.post()
				.uri("/api/v1/photos")
				.contentType(MediaType.MULTIPART_FORM_DATA)
				.body(BodyInserters.fromMultipartData(upload.build()))
				.exchange()
				.expectBody()
				.returnResult();
			assertThat(photos.getStatus().value()).isEqualTo(413);
			assertThat(fieldsOf(photos)).containsExactly("body");

			String description = "十兆的假照片" + UUID.randomUUID();
			MultipartBodyBuilder request = new MultipartBodyBuilder();
			request.part("service_code", "1109");
			request.part("lat", "39.914483");
			request.part("long", "116.411522");
			request.part("description", description);
			request.part("media", new ByteArrayResource(notAnImage))
				.filename("photo.jpg")
				.contentType(MediaType.IMAGE_JPEG);
			EntityExchangeResult<byte[]> open311 = this.http.post()
				.uri("/open311/v2/requests.json")
				.contentType(MediaType.MULTIPART_FORM_DATA)
				.body(BodyInserters.fromMultipartData(request.build()))
				.exchange()
				.expectBody()
				.returnResult();
			assertThat(open311.getStatus().value()).isEqualTo(413);
			assertThat(text(open311)).contains("body");
			assertThat(casesWithText(description)).isZero();
		}
		assertThat(usedHeapAfterGc() - before).isLessThan(48L * 1024 * 1024);

		// small enough to be read, but still not an image whatever its name says
		MultipartBodyBuilder small = new MultipartBodyBuilder();
		small.part("media", new ByteArrayResource(Arrays.copyOf(notAnImage, 100 * 1024)))
			.filename("photo.jpg")
			.contentType(MediaType.IMAGE_JPEG);
		EntityExchangeResult<byte[]> refused = this.http.post()
			.uri("/api/v1/photos")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(small.build()))
			.exchange()
			.expectBody()
			.returnResult();
		assertThat(refused.getStatus().value()).isEqualTo(415);
		assertThat(fieldsOf(refused)).containsExactly("media");
		aValidReportIsStillAccepted();
	}

	@Test
	void injectionStringsAreStoredAndEchoedAsInertText() {
		String injection = "路灯不亮'); DROP TABLE report_case; -- \" OR 1=1 <script>alert('x')</script> "
				+ "${jndi:ldap://x/a} {{7*7}} \\u0000 " + UUID.randomUUID();
		String json = """
				{"text": %s, "location": {"lon": 116.411522, "lat": 39.914483, "crs": "gcj02"}}"""
			.formatted(jsonString(injection));
		String caseNumber = acceptedCaseNumber(postReport(json, null));
		assertThat(this.jdbc.sql("select description from report_case where case_number = ?")
			.param(caseNumber)
			.query(String.class)
			.single()).isEqualTo(injection);
		assertThat(this.jdbc.sql("select to_regclass('report_case') is not null").query(Boolean.class).single())
			.isTrue();
		this.http.get()
			.uri("/api/v1/cases/{n}", caseNumber)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.description")
			.isEqualTo(injection);
		String xml = this.http.get()
			.uri("/open311/v2/requests/{id}.xml", caseNumber)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(xml).doesNotContain("<script>").contains("&lt;script&gt;");

		// the same through a form, where the client controls every byte of the value
		String formText = "油烟直排\"/><script>alert(1)</script>'; DELETE FROM raw_message; -- " + UUID.randomUUID();
		String open311 = this.http.post()
			.uri("/open311/v2/requests.json")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("service_code=1109&lat=39.914483&long=116.411522&address_string="
					+ java.net.URLEncoder.encode("双榆街117号'--", StandardCharsets.UTF_8) + "&description="
					+ java.net.URLEncoder.encode(formText, StandardCharsets.UTF_8))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(open311).contains("service_request_id");
		assertThat(casesWithText(formText)).isEqualTo(1);
		assertThat(this.jdbc.sql("select count(*) from raw_message").query(Integer.class).single()).isPositive();
		this.http.get()
			.uri("/api/v1/console/nearby?address={a}&category={c}", "双榆街' OR '1'='1", "1109'; --")
			.exchange()
			.expectStatus()
			.value((status) -> assertThat(status).isIn(200, 400));
	}

	@Test
	void aRandomStormOfMutatedBodiesNeverBreaksTheGateway() {
		// seeded, so a failure names a body that fails again
		Random random = new Random(20260701);
		List<String> failures = new ArrayList<>();
		for (Channel channel : JSON_CHANNELS) {
			for (int i = 0; i < 40; i++) {
				byte[] body = mutate(utf8(channel.validBody()), random);
				EntityExchangeResult<byte[]> answer = send(channel, MediaType.APPLICATION_JSON, body);
				int status = answer.getStatus().value();
				if (status >= 500 || (status == 400 && !namesAField(channel, answer))) {
					failures.add(channel.name + " " + status + " for " + printable(body) + " → " + text(answer));
				}
			}
		}
		assertThat(failures).isEmpty();
		aValidReportIsStillAccepted();
	}

	@Test
	void brokenSmsAreRefusedForGoodAndTheResidentCanStillReport() {
		String resident = SmsJourneyTest.newResident();
		byte[] text = "双榆街115号门口井盖没了".getBytes(StandardCharsets.UTF_16BE);
		int refusedForGood = 0x65;
		// odd octets, a lone high and a lone low surrogate
		assertThat(SMSC.mo(resident, SHORT_CODE).payloads(List.of(Arrays.copyOf(text, text.length - 1))).send())
			.containsExactly(refusedForGood);
		assertThat(
				SMSC.mo(resident, SHORT_CODE).payloads(List.of(concat(text, new byte[] { (byte) 0xD8, 0x3D }))).send())
			.containsExactly(refusedForGood);
		assertThat(
				SMSC.mo(resident, SHORT_CODE).payloads(List.of(concat(new byte[] { (byte) 0xDE, 0x00 }, text))).send())
			.containsExactly(refusedForGood);
		// concatenation headers: 0 parts, part 3 of 2, 255 parts
		for (byte[] header : List.of(new byte[] { 0x05, 0x00, 0x03, 0x42, 0x00, 0x01 },
				new byte[] { 0x05, 0x00, 0x03, 0x42, 0x02, 0x03 },
				new byte[] { 0x05, 0x00, 0x03, 0x42, (byte) 0xFF, 0x01 },
				new byte[] { 0x06, 0x08, 0x04, 0x01, 0x02, (byte) 0xFF, 0x00 },
				// a header longer than the message
				new byte[] { 0x7F, 0x00, 0x03 })) {
			assertThat(SMSC.mo(resident, SHORT_CODE).payloads(List.of(concat(header, text))).headerIncluded().send())
				.as(printable(header))
				.containsExactly(refusedForGood);
		}
		assertThat(reportsFrom(resident)).isZero();

		assertThat(SMSC.deliver(resident, SHORT_CODE, "双榆街115号门口井盖没了<script>'--")).containsOnly(0);
		await().atMost(Duration.ofSeconds(20)).until(() -> reportsFrom(resident) == 1);
		assertThat(this.jdbc.sql("select description from report_case where reporter_mobile = ?")
			.param(resident)
			.query(String.class)
			.single()).isEqualTo("双榆街115号门口井盖没了<script>'--");
	}

	private void aValidReportIsStillAccepted() {
		// a door of its own, so that it opens a case of its own
		String text = "双榆街" + (200 + new Random().nextInt(700)) + "号楼下饭馆油烟直排 " + UUID.randomUUID();
		acceptedCaseNumber(postReport("""
				{"text": "%s", "category": "1109", "location": {"lon": 116.411522, "lat": 39.914483, "crs": "gcj02"}}"""
			.formatted(text), null));
		assertThat(casesWithText(text)).isEqualTo(1);
	}

	private EntityExchangeResult<byte[]> send(Channel channel, MediaType type, byte[] body) {
		return this.http.method(channel.method).uri(channel.uri).contentType(type).headers((headers) -> {
			if (channel.uri.startsWith("/api/v1/platforms/")) {
				String timestamp = Long.toString(Instant.now().getEpochSecond());
				headers.add("X-Gateway-Timestamp", timestamp);
				headers.add("X-Gateway-Signature", "sha256=" + TestSignatures.hmac(PLATFORM_SECRET, timestamp, body));
			}
		}).bodyValue(body).exchange().expectBody().returnResult();
	}

	private static void assertNamesAField(Channel channel, EntityExchangeResult<byte[]> answer) {
		assertThat(namesAField(channel, answer)).as("%s answered %s", channel.name, text(answer)).isTrue();
	}

	/** Open311 answers in its spec's shape, the rest in the API's. */
	private static boolean namesAField(Channel channel, EntityExchangeResult<byte[]> answer) {
		String text = text(answer);
		if (channel.uri.startsWith("/open311/")) {
			return text.matches("(?s)\\[\\{\"code\":4\\d\\d,\"description\":\"[a-z_A-Z.\\[\\]0-9-]+: .+");
		}
		return !fieldsOf(answer).isEmpty() && fieldsOf(answer).stream().noneMatch(String::isBlank);
	}

	@SuppressWarnings("unchecked")
	private static List<String> fieldsOf(EntityExchangeResult<byte[]> answer) {
		try {
			Map<String, Object> body = new com.fasterxml.jackson.databind.ObjectMapper()
				.readValue(answer.getResponseBody(), Map.class);
			if (body.containsKey("results")) {
				return ((List<Map<String, Object>>) body.get("results")).stream()
					.flatMap(
							(result) -> ((List<Map<String, Object>>) result.getOrDefault("errors", List.of())).stream())
					.map((error) -> (String) error.get("field"))
					.toList();
			}
			return ((List<Map<String, Object>>) body.get("errors")).stream()
				.map((error) -> (String) error.get("field"))
				.toList();
		}
		catch (Exception ex) {
			return List.of();
		}
	}

	private static byte[] mutate(byte[] valid, Random random) {
		byte[] body = valid.clone();
		int edits = 1 + random.nextInt(4);
		String specials = "{}[]\":,\\ntfe-+.0";
		for (int e = 0; e < edits && body.length > 0; e++) {
			int at = random.nextInt(body.length);
			switch (random.nextInt(5)) {
				case 0 -> body = concat(Arrays.copyOf(body, at), Arrays.copyOfRange(body, at + 1, body.length));
				case 1 -> body[at] = (byte) specials.charAt(random.nextInt(specials.length()));
				case 2 -> body[at] = (byte) random.nextInt(256);
				case 3 -> body = Arrays.copyOf(body, at);
				default -> body = concat(Arrays.copyOf(body, at), new byte[] { (byte) random.nextInt(256) },
						Arrays.copyOfRange(body, at, body.length));
			}
		}
		return body;
	}

	private int reportsFrom(String resident) {
		return this.jdbc.sql("select count(*) from report_case where reporter_mobile = ?")
			.param(resident)
			.query(Integer.class)
			.single();
	}

	/**
	 * Cases of the JSON channels: SMS left over from other tests may still be filed
	 * meanwhile.
	 */
	private int allCases() {
		return this.jdbc.sql("select count(*) from report_case where channel <> 'SMS'").query(Integer.class).single();
	}

	private static long usedHeapAfterGc() {
		Runtime runtime = Runtime.getRuntime();
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return runtime.totalMemory() - runtime.freeMemory();
	}

	private static String text(EntityExchangeResult<byte[]> answer) {
		byte[] body = answer.getResponseBody();
		return (body != null) ? new String(body, StandardCharsets.UTF_8) : "";
	}

	private static String printable(byte[] body) {
		String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
		return text.replaceAll("\\s+", " ");
	}

	private static String jsonString(String text) {
		try {
			return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] concat(byte[]... arrays) {
		int length = 0;
		for (byte[] array : arrays) {
			length += array.length;
		}
		byte[] joined = new byte[length];
		int at = 0;
		for (byte[] array : arrays) {
			System.arraycopy(array, 0, joined, at, array.length);
			at += array.length;
		}
		return joined;
	}

	/** A channel and a body it would accept, made unique per call where it must be. */
	private record Channel(String name, HttpMethod method, String uri, String template) {

		String validBody() {
			return this.template.contains("%s") ? this.template.formatted(UUID.randomUUID()) : this.template;
		}

	}

}
