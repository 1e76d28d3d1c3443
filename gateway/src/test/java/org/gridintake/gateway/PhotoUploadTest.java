package org.gridintake.gateway;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import org.gridintake.routes.media.PhotoIds;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Photos from the field app and from Open311 and portal clients: stored once by their
 * content, served with the type their content has, kept on the case and forwarded with
 * it. What is not an image, too large or too many is refused by name and leaves nothing.
 */
class PhotoUploadTest extends GatewayIntegrationTest {

	private static final String STREETS_CASES = "/platforms/streets/cases";

	@Test
	void theFieldAppUploadsPhotosAndGetsUrlsThatServeTheSameBytesForGood() {
		byte[] jpeg = image("jpg");
		byte[] png = image("png");
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		photo(parts, "IMG_0001.jpg", MediaType.IMAGE_JPEG, jpeg);
		photo(parts, "井盖.png", MediaType.IMAGE_PNG, png);
		List<Map<String, Object>> photos = uploaded(upload(parts).expectStatus().isCreated());

		String jpegId = PhotoIds.of(jpeg);
		assertThat(photos).containsExactly(
				Map.of("id", jpegId, "url", MEDIA_BASE_URL + jpegId + ".jpg", "content_type", "image/jpeg", "bytes",
						jpeg.length),
				Map.of("id", PhotoIds.of(png), "url", MEDIA_BASE_URL + PhotoIds.of(png) + ".png", "content_type",
						"image/png", "bytes", png.length));

		byte[] served = this.http.get()
			.uri("/media/{name}", jpegId + ".jpg")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.IMAGE_JPEG)
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.valueEquals("Cache-Control", "max-age=31536000, public, immutable")
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(served).isEqualTo(jpeg);
		this.http.get()
			.uri("/media/{name}", jpegId + ".jpg")
			.header("If-None-Match", "\"" + jpegId + "\"")
			.exchange()
			.expectStatus()
			.isNotModified();

		// the same photo again is the same photo
		MultipartBodyBuilder again = new MultipartBodyBuilder();
		photo(again, "copy.jpg", MediaType.APPLICATION_OCTET_STREAM, jpeg);
		assertThat(uploaded(upload(again).expectStatus().isCreated())).extracting((photo) -> photo.get("id"))
			.containsExactly(jpegId);

		// a URL says truly what it serves: the JPEG is no PNG, and no other id is
		// anything
		this.http.get().uri("/media/{name}", jpegId + ".png").exchange().expectStatus().isNotFound();
		this.http.get()
			.uri("/media/{name}", PhotoIds.of(new byte[] { 7 }) + ".jpg")
			.exchange()
			.expectStatus()
			.isNotFound();
		this.http.get().uri("/media/{name}", "..%2F..%2Fetc%2Fpasswd.jpg").exchange().expectStatus().isNotFound();
	}

	@Test
	void anOpen311RequestWithPhotosKeepsThemOnTheCaseAndSendsThemToThePlatform() {
		byte[] jpeg = image("jpg");
		byte[] png = image("png");
		String description = "饭馆油烟直排，附照片" + UUID.randomUUID();
		MultipartBodyBuilder parts = smokeRequest(description);
		photo(parts, "油烟1.jpg", MediaType.IMAGE_JPEG, jpeg);
		photo(parts, "油烟2.png", MediaType.IMAGE_PNG, png);
		List<Map<String, Object>> created = listOf(this.http.post()
			.uri("/open311/v2/requests.json")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(parts.build()))
			.exchange()
			.expectStatus()
			.isCreated());
		assertThat(created).singleElement()
			.satisfies((request) -> assertThat(request).containsOnlyKeys("service_request_id", "service_notice",
					"account_id"));
		String id = (String) created.get(0).get("service_request_id");
		String jpegUrl = MEDIA_BASE_URL + PhotoIds.of(jpeg) + ".jpg";
		String pngUrl = MEDIA_BASE_URL + PhotoIds.of(png) + ".png";

		assertThat(mediaUrlsOf(id)).containsExactly(jpegUrl, pngUrl);
		assertThat(casesWithText(description)).isEqualTo(1);
		assertThat(listOf(this.http.get().uri("/open311/v2/requests/{id}.json", id).exchange()).get(0))
			.containsEntry("media_url", jpegUrl)
			.containsEntry("description", description);
		assertThat(this.http.get()
			.uri("/media/{name}", PhotoIds.of(png) + ".png")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.IMAGE_PNG)
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody()).isEqualTo(png);
		// the raw message keeps the fields as sent, the photos by URL
		String raw = this.jdbc
			.sql("select convert_from(body, 'UTF8') from raw_message m join report_case c on c.id = m.case_id "
					+ "where c.case_number = ?")
			.param(id)
			.query(String.class)
			.single();
		assertThat(java.net.URLDecoder.decode(raw, StandardCharsets.UTF_8)).contains("description=" + description)
			.contains("media=" + jpegUrl);

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> PLATFORMS.verify(1,
					postRequestedFor(urlPathEqualTo(STREETS_CASES))
						.withRequestBody(matchingJsonPath("$.case_number", equalTo(id)))
						.withRequestBody(matchingJsonPath("$.photos[0]", equalTo(jpegUrl)))
						.withRequestBody(matchingJsonPath("$.photos[1]", equalTo(pngUrl)))));
	}

	@Test
	void thePortalApiNamesPhotosByUrlWithTheSameRulesAsOpen311() {
		byte[] jpeg = image("jpg");
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		photo(parts, "IMG_0002.jpg", MediaType.IMAGE_JPEG, jpeg);
		String url = (String) uploaded(upload(parts).expectStatus().isCreated()).get(0).get("url");
		String text = "井盖丢了，照片在此" + UUID.randomUUID();
		String caseNumber = acceptedCaseNumber(postReport("""
				{"text": "%s", "address": "双榆街115号", "media_urls": ["%s", "https://cdn.example.org/p/9.jpg"]}"""
			.formatted(text, url), null));
		assertThat(mediaUrlsOf(caseNumber)).containsExactly(url, "https://cdn.example.org/p/9.jpg");

		String unknown = MEDIA_BASE_URL + PhotoIds.of(new byte[] { 9 }) + ".jpg";
		assertThat(errorsOf(postReport("""
				{"text": "%s", "address": "双榆街115号", "media_urls": ["javascript:alert(1)", "%s"]}"""
			.formatted(text + "x", unknown), null).expectStatus().isBadRequest()))
			.containsExactly(Map.of("field", "media_urls[0]", "message", "must be an http or https URL"),
					Map.of("field", "media_urls[1]", "message", "names no photo stored here; upload the photo first"));
		assertThat(errorsOf(postReport("""
				{"text": "%s", "address": "双榆街115号", "media_urls": "%s"}""".formatted(text + "y", url), null)
			.expectStatus()
			.isBadRequest())).containsExactly(Map.of("field", "media_urls", "message", "has the wrong type"));
		assertThat(casesWithText(text + "x") + casesWithText(text + "y")).isZero();
	}

	@Test
	void aTextFileNamedLikeAPhotoIsRefusedByItsContent() {
		byte[] text = ("<html><script>alert(1)</script></html>" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
		MultipartBodyBuilder upload = new MultipartBodyBuilder();
		photo(upload, "photo.jpg", MediaType.IMAGE_JPEG, text);
		assertThat(errorsOf(upload(upload).expectStatus().isEqualTo(415))).containsExactly(Map.of("field", "media",
				"message",
				"photo 1 (photo.jpg) is not an image of an accepted type; accepted: JPEG, PNG, WebP, HEIC, HEIF, GIF"));

		String description = "油烟" + UUID.randomUUID();
		MultipartBodyBuilder request = smokeRequest(description);
		photo(request, "photo.jpg", MediaType.IMAGE_JPEG, text);
		this.http.post()
			.uri("/open311/v2/requests.xml")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(request.build()))
			.exchange()
			.expectStatus()
			.isEqualTo(415)
			.expectBody()
			.xpath("/errors/error/code")
			.isEqualTo("415")
			.xpath("/errors/error/description")
			.isEqualTo("media: photo 1 (photo.jpg) is not an image of an accepted type; "
					+ "accepted: JPEG, PNG, WebP, HEIC, HEIF, GIF");
		assertThat(casesWithText(description)).isZero();
		assertNotStored(text, "jpg");
	}

	@Test
	void aFourthPhotoIsRefusedAndNoneIsStored() {
		List<byte[]> four = List.of(image("jpg"), image("jpg"), image("png"), image("png"));
		MultipartBodyBuilder upload = new MultipartBodyBuilder();
		four.forEach((bytes) -> photo(upload, "p.jpg", MediaType.IMAGE_JPEG, bytes));
		assertThat(errorsOf(upload(upload).expectStatus().isBadRequest()))
			.containsExactly(Map.of("field", "media", "message", "at most 3 photos per request; 4 were sent"));

		String description = "油烟" + UUID.randomUUID();
		MultipartBodyBuilder request = smokeRequest(description);
		four.forEach((bytes) -> photo(request, "p.jpg", MediaType.IMAGE_JPEG, bytes));
		assertThat(listOf(this.http.post()
			.uri("/open311/v2/requests.json")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(request.build()))
			.exchange()
			.expectStatus()
			.isBadRequest()))
			.containsExactly(Map.of("code", 400, "description", "media: at most 3 photos per request; 4 were sent"));
		assertThat(casesWithText(description)).isZero();
		assertNotStored(four.get(0), "jpg");
		assertNotStored(four.get(3), "png");
	}

	@Test
	void anOversizedPhotoOrRequestIsRefusedWith413() {
		byte[] large = jpegOfSize(300 * 1024);
		MultipartBodyBuilder upload = new MultipartBodyBuilder();
		photo(upload, "small.jpg", MediaType.IMAGE_JPEG, image("jpg"));
		photo(upload, "large.jpg", MediaType.IMAGE_JPEG, large);
		assertThat(errorsOf(upload(upload).expectStatus().isEqualTo(413))).containsExactly(
				Map.of("field", "media", "message", "photo 2 (large.jpg) is larger than 256 KB, the most accepted"));

		String description = "油烟" + UUID.randomUUID();
		MultipartBodyBuilder request = smokeRequest(description);
		photo(request, "large.jpg", MediaType.IMAGE_JPEG, large);
		assertThat(listOf(this.http.post()
			.uri("/open311/v2/requests.json")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(request.build()))
			.exchange()
			.expectStatus()
			.isEqualTo(413)))
			.containsExactly(Map.of("code", 413, "description",
					"media: photo 1 (large.jpg) is larger than 256 KB, the most accepted"));
		assertThat(casesWithText(description)).isZero();
		assertNotStored(large, "jpg");

		// three photos each within the limit, but more than a request may carry in all
		MultipartBodyBuilder tooMuch = new MultipartBodyBuilder();
		for (int i = 0; i < 3; i++) {
			photo(tooMuch, "p" + i + ".jpg", MediaType.IMAGE_JPEG, jpegOfSize(250 * 1024 + i));
		}
		assertThat(errorsOf(upload(tooMuch).expectStatus().isEqualTo(413))).singleElement()
			.satisfies((error) -> assertThat(error).containsEntry("field", "body"));
	}

	@Test
	void aPhotoUploadIsMultipartWithPhotosOnly() {
		this.http.post()
			.uri("/api/v1/photos")
			.contentType(MediaType.IMAGE_JPEG)
			.bodyValue(image("jpg"))
			.exchange()
			.expectStatus()
			.isEqualTo(415);
		MultipartBodyBuilder noPhoto = new MultipartBodyBuilder();
		noPhoto.part("caption", "井盖");
		assertThat(errorsOf(upload(noPhoto).expectStatus().isBadRequest()))
			.containsExactly(Map.of("field", "caption", "message", "is not a known part; send photos as media"));
		MultipartBodyBuilder wrongName = new MultipartBodyBuilder();
		photo(wrongName, "p.jpg", MediaType.IMAGE_JPEG, image("jpg"));
		wrongName.part("file", new org.springframework.core.io.ByteArrayResource(image("png")))
			.filename("q.png")
			.contentType(MediaType.IMAGE_PNG);
		assertThat(errorsOf(upload(wrongName).expectStatus().isBadRequest()))
			.containsExactly(Map.of("field", "file", "message", "is a file; only media parts may carry files"));
	}

	private WebTestClient.ResponseSpec upload(MultipartBodyBuilder parts) {
		return this.http.post()
			.uri("/api/v1/photos")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(parts.build()))
			.exchange();
	}

	private static void photo(MultipartBodyBuilder parts, String filename, MediaType type, byte[] bytes) {
		parts.part("media", new org.springframework.core.io.ByteArrayResource(bytes))
			.filename(filename)
			.contentType(type);
	}

	/** A smoke report in unit grid 110199005001029, as the other journeys send it. */
	private static MultipartBodyBuilder smokeRequest(String description) {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("service_code", "1109");
		parts.part("lat", "39.914483");
		parts.part("long", "116.411522");
		parts.part("crs", "gcj02");
		parts.part("description", description);
		parts.part("phone", "13800138000");
		return parts;
	}

	private void assertNotStored(byte[] bytes, String extension) {
		this.http.get()
			.uri("/media/{name}", PhotoIds.of(bytes) + "." + extension)
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	private List<String> mediaUrlsOf(String caseNumber) {
		return this.jdbc.sql("select media_urls from report_case where case_number = ?")
			.param(caseNumber)
			.query((rs, row) -> Arrays.asList((String[]) rs.getArray(1).getArray()))
			.single();
	}

	/** A small image, different every time, in the given ImageIO format. */
	static byte[] image(String format) {
		BufferedImage image = new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB);
		UUID seed = UUID.randomUUID();
		image.setRGB(1, 1, (int) seed.getMostSignificantBits());
		image.setRGB(2, 3, (int) seed.getLeastSignificantBits());
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, format, bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/** A JPEG's signature followed by noise: only its size matters. */
	private static byte[] jpegOfSize(int size) {
		byte[] bytes = new byte[size];
		new java.util.Random(size).nextBytes(bytes);
		bytes[0] = (byte) 0xFF;
		bytes[1] = (byte) 0xD8;
		bytes[2] = (byte) 0xFF;
		return bytes;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> uploaded(WebTestClient.ResponseSpec response) {
		return (List<Map<String, Object>>) response.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("photos");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> errorsOf(WebTestClient.ResponseSpec response) {
		return (List<Map<String, Object>>) response.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("errors");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> listOf(WebTestClient.ResponseSpec response) {
		return response.expectBody(List.class).returnResult().getResponseBody();
	}

}
