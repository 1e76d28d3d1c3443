package org.gridintake.routes.open311;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.gridintake.routes.intake.FieldError;
import org.gridintake.routes.media.MediaLinks;
import org.gridintake.routes.portal.PortalReport;
import org.gridintake.routes.portal.PortalSubmission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class Open311RequestMapperTest {

	private static final Instant NOW = Instant.parse("2026-07-01T02:00:00Z");

	private final Open311RequestMapper mapper = new Open311RequestMapper("110199", new MediaLinks("/media/"), 3);

	@Test
	void aServiceRequestBecomesAPortalReportWithItsPointCrsAndContact() {
		PortalSubmission submission = map(
				Map.of("service_code", "1109", "lat", "39.914483", "long", "116.411522", "crs", "gcj02", "description",
						"油烟", "address_string", "双榆街115号", "phone", "13800138000", "jurisdiction_id", "110199"));
		PortalReport report = submission.report();
		assertThat(report.category()).isEqualTo("1109");
		assertThat(report.location()).isEqualTo(new PortalReport.Location(116.411522, 39.914483, "gcj02", null));
		assertThat(report.text()).isEqualTo("油烟");
		assertThat(report.address()).isEqualTo("双榆街115号");
		assertThat(report.mobile()).isEqualTo("13800138000");
		assertThat(submission.receivedAt()).isEqualTo(NOW);
		assertThat(new String(submission.rawBody(), StandardCharsets.UTF_8)).isEqualTo("raw");
	}

	@Test
	void withoutCrsThePointIsLeftToThePipelinesWgs84Default() {
		PortalReport report = map(Map.of("service_code", "0101", "lat", "39.9", "long", "116.4", "description", "路灯"))
			.report();
		assertThat(report.location().crs()).isNull();
	}

	@Test
	void anAddressAloneCarriesNoLocation() {
		PortalReport report = map(Map.of("service_code", "0101", "address_string", "和平路12号", "description", "路灯"))
			.report();
		assertThat(report.location()).isNull();
		assertThat(report.address()).isEqualTo("和平路12号");
	}

	@Test
	void missingServiceCodeAndUnreadableCoordinatesAreNamedByTheirOpen311Fields() {
		Open311RejectedException rejected = reject(
				Map.of("lat", "north", "long", "116.4", "description", "x", "media_url", "javascript:alert(1)"));
		assertThat(rejected.status()).isEqualTo(400);
		assertThat(rejected.errors()).extracting(Open311Error::description)
			.containsExactly("service_code: is required", "lat: must be a decimal number",
					"media_url: must be an http or https URL");
		assertThat(rejected.errors()).extracting(Open311Error::code).containsOnly(400);
	}

	@Test
	void halfAPointNamesTheMissingHalf() {
		assertThat(reject(Map.of("service_code", "0101", "lat", "39.9")).errors()).extracting(Open311Error::description)
			.containsExactly("long: is required when lat is given");
	}

	@Test
	void anotherJurisdictionIsNotFound() {
		Open311RejectedException rejected = reject(Map.of("service_code", "0101", "jurisdiction_id", "310101"));
		assertThat(rejected.status()).isEqualTo(404);
		assertThat(rejected.errors()).containsExactly(new Open311Error(404, "jurisdiction_id: is not served here"));
	}

	@Test
	void thePipelinesFieldErrorsAreRenamedToOpen311Parameters() {
		List<Open311Error> errors = Open311RequestMapper.describe(List.of(new FieldError("text", "is required"),
				new FieldError("location.lat", "must be a latitude between -90 and 90"),
				new FieldError("location.lon", "must be a longitude between -180 and 180"),
				new FieldError("location.crs", "must be one of wgs84, gcj02, bd09"),
				new FieldError("mobile", "must be an 11-digit mainland mobile number"),
				new FieldError("address", "must be at most 200 characters"),
				new FieldError("category", "is not a known category code")));
		assertThat(errors).extracting(Open311Error::description)
			.containsExactly("description: is required", "lat: must be a latitude between -90 and 90",
					"long: must be a longitude between -180 and 180", "crs: must be one of wgs84, gcj02, bd09",
					"phone: must be an 11-digit mainland mobile number",
					"address_string: must be at most 200 characters", "service_code: is not a known service code");
	}

	@Test
	void mediaUrlLeadsTheUploadedPhotos() {
		String uploaded = "/media/" + "ab".repeat(32) + ".jpg";
		PortalReport report = this.mapper
			.toSubmission(
					Open311Request.fromParameters(Map.of("service_code", "0101", "address_string", "和平路12号",
							"description", "路灯", "media_url", "https://example.org/p/1.jpg")),
					List.of(uploaded), null, new byte[0], "application/x-www-form-urlencoded", NOW)
			.report();
		assertThat(report.mediaUrls()).containsExactly("https://example.org/p/1.jpg", uploaded);
		assertThat(
				map(Map.of("service_code", "0101", "address_string", "x", "media_url", uploaded)).report().mediaUrls())
			.containsExactly(uploaded);
		assertThat(map(Map.of("service_code", "0101", "address_string", "x")).report().mediaUrls()).isNull();
	}

	@Test
	void mediaUrlCountsTowardsThePhotoLimit() {
		Open311RejectedException rejected = catchThrowableOfType(Open311RejectedException.class,
				() -> this.mapper.toSubmission(
						Open311Request.fromParameters(Map.of("service_code", "0101", "address_string", "x", "media_url",
								"https://example.org/p/1.jpg")),
						List.of("/media/1.jpg", "/media/2.jpg", "/media/3.jpg"), null, new byte[0],
						"multipart/form-data", NOW));
		assertThat(rejected.errors())
			.containsExactly(new Open311Error(400, "media: at most 3 photos per request, media_url included"));
		assertThat(Open311RequestMapper.describe(List.of(new FieldError("media_urls[0]", "must be a URL"))))
			.containsExactly(new Open311Error(400, "media_url: must be a URL"));
	}

	private PortalSubmission map(Map<String, String> parameters) {
		return this.mapper.toSubmission(Open311Request.fromParameters(new HashMap<>(parameters)), null,
				"raw".getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded", NOW);
	}

	private Open311RejectedException reject(Map<String, String> parameters) {
		return catchThrowableOfType(Open311RejectedException.class, () -> map(parameters));
	}

}
