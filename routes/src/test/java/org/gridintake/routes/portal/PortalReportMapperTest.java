package org.gridintake.routes.portal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.gridintake.routes.casedraft.ChannelRef;
import org.gridintake.routes.casedraft.ReportOrigin;
import org.gridintake.routes.geo.Crs;
import org.gridintake.routes.geo.GridLevel;
import org.gridintake.routes.intake.FieldError;
import org.gridintake.routes.intake.InboundReport;
import org.gridintake.routes.intake.InvalidReportException;
import org.gridintake.routes.media.MediaLinks;
import org.gridintake.routes.media.MemoryPhotoStore;
import org.gridintake.routes.media.PhotoIntake;
import org.gridintake.routes.media.PhotoLimits;
import org.gridintake.routes.media.StoredPhoto;
import org.gridintake.routes.media.TestImages;
import org.gridintake.routes.routing.Category;
import org.gridintake.routes.routing.Taxonomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PortalReportMapperTest {

	private final MemoryPhotoStore photos = new MemoryPhotoStore();

	private final PortalReportMapper mapper = new PortalReportMapper(
			new Taxonomy(List.of(new Category("0102", "井盖缺损", "component", GridLevel.STREET, List.of("井盖")))),
			new PhotoIntake(this.photos, new MediaLinks("/media/"), new PhotoLimits(5 * 1024 * 1024, 3)));

	@Test
	void aValidReportKeepsItsPointCrsContactAndRawBody() {
		InboundReport report = map(new PortalReport("井盖丢了", new PortalReport.Location(116.41, 39.91, "GCJ02", 12.5),
				"和平路12号", "+8613800138000", null, "0102"), "key-1");
		assertThat(report.reportedPoint().crs()).isEqualTo(Crs.GCJ02);
		assertThat(report.reportedPoint().accuracyMeters()).isEqualTo(12.5);
		assertThat(report.reporter().mobile().digits()).isEqualTo("13800138000");
		assertThat(report.reporter().smsAllowed()).isTrue();
		assertThat(report.channelRef()).isEqualTo(new ChannelRef("key-1", ChannelRef.Kind.CHANNEL));
		assertThat(new String(report.raw().body(), StandardCharsets.UTF_8)).isEqualTo("{raw}");
	}

	@Test
	void everyBadFieldIsNamedAtOnce() {
		List<FieldError> errors = errors(new PortalReport(" ",
				new PortalReport.Location(181.0, Double.NaN, "utm", -1.0), null, "12345", null, "9999"), null);
		assertThat(errors).extracting(FieldError::field)
			.containsExactlyInAnyOrder("text", "location.lon", "location.lat", "location.crs", "location.accuracy_m",
					"mobile", "category");
	}

	@Test
	void aReportNeedsAPlaceOfSomeKind() {
		assertThat(errors(new PortalReport("井盖丢了", null, null, null, null, null), null)).extracting(FieldError::field)
			.containsExactly("location");
		assertThat(map(new PortalReport("井盖丢了", null, "和平路12号", null, null, null), null).reportedPoint()).isNull();
	}

	@Test
	void withoutAKeyTheSameSenderAndContentGiveTheSameReference() {
		PortalReport report = new PortalReport("井盖丢了", new PortalReport.Location(116.41, 39.91, null, null), null,
				"13800138000", false, null);
		InboundReport first = map(report, null);
		assertThat(first.channelRef().kind()).isEqualTo(ChannelRef.Kind.CONTENT);
		assertThat(map(report, null).channelRef()).isEqualTo(first.channelRef());
		assertThat(
				map(new PortalReport("井盖丢了！", report.location(), null, "13800138000", false, null), null).channelRef())
			.isNotEqualTo(first.channelRef());
		assertThat(first.reporter().smsAllowed()).isFalse();
		assertThat(first.reportedPoint().crs()).isEqualTo(Crs.WGS84);
	}

	@Test
	void photosByUrlBecomeTheCasesPhotosInTheOrderSent() {
		StoredPhoto uploaded = this.photos.store(TestImages.jpeg("井盖"));
		List<String> urls = List.of("https://cdn.example.org/p/1.jpg", " /media/" + uploaded.fileName() + " ");
		InboundReport report = map(new PortalReport("井盖丢了", null, "和平路12号", null, null, null, urls), null);
		assertThat(report.origin()).isEqualTo(
				ReportOrigin.resident(List.of("https://cdn.example.org/p/1.jpg", "/media/" + uploaded.fileName())));
		assertThat(map(new PortalReport("井盖丢了", null, "和平路12号", null, null, null), null).origin())
			.isEqualTo(ReportOrigin.RESIDENT);
	}

	@Test
	void photoUrlsAreCheckedLikeEveryOtherField() {
		List<String> urls = new java.util.ArrayList<>(List.of("ftp://example.org/1.jpg", "/media/nothing.jpg"));
		urls.add(null);
		assertThat(errors(new PortalReport("井盖丢了", null, "和平路12号", null, null, null, urls), null)).containsExactly(
				new FieldError("media_urls[0]", "must be an http or https URL"),
				new FieldError("media_urls[1]", "must be an http or https URL"),
				new FieldError("media_urls[2]", "must be a URL"));
		List<String> four = List.of("https://a.cn/1.jpg", "https://a.cn/2.jpg", "https://a.cn/3.jpg",
				"https://a.cn/4.jpg");
		assertThat(errors(new PortalReport("井盖丢了", null, "和平路12号", null, null, null, four), null))
			.containsExactly(new FieldError("media_urls", "at most 3 photos per report"));
	}

	@Test
	void withoutAKeyOtherPhotosMakeAnotherReport() {
		PortalReport bare = new PortalReport("井盖丢了", null, "和平路12号", null, null, null);
		PortalReport withPhoto = new PortalReport("井盖丢了", null, "和平路12号", null, null, null,
				List.of("https://cdn.example.org/p/1.jpg"));
		assertThat(map(withPhoto, null).channelRef()).isEqualTo(map(withPhoto, null).channelRef())
			.isNotEqualTo(map(bare, null).channelRef());
	}

	private InboundReport map(PortalReport report, String key) {
		return this.mapper.toInbound(new PortalSubmission(report, key, "{raw}".getBytes(StandardCharsets.UTF_8),
				"application/json", Instant.parse("2026-07-01T01:00:00Z")));
	}

	private List<FieldError> errors(PortalReport report, String key) {
		return catchThrowableOfType(InvalidReportException.class, () -> map(report, key)).errors();
	}

}
