package org.gridintake.routes.portal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.gridintake.routes.casedraft.Channel;
import org.gridintake.routes.casedraft.ChannelRef;
import org.gridintake.routes.casedraft.Mobile;
import org.gridintake.routes.casedraft.RawMessage;
import org.gridintake.routes.casedraft.ReportOrigin;
import org.gridintake.routes.casedraft.ReportedPoint;
import org.gridintake.routes.casedraft.Reporter;
import org.gridintake.routes.intake.FieldError;
import org.gridintake.routes.intake.InboundReport;
import org.gridintake.routes.intake.InvalidReportException;
import org.gridintake.routes.intake.ReportFields;
import org.gridintake.routes.media.PhotoIntake;
import org.gridintake.routes.routing.Taxonomy;

/**
 * Checks a portal report field by field and turns it into an {@link InboundReport}. Every
 * problem is reported at once, named by the field the client sent.
 */
public class PortalReportMapper {

	static final int MAX_TEXT_LENGTH = 2000;

	static final int MAX_ADDRESS_LENGTH = 200;

	static final int MAX_IDEMPOTENCY_KEY_LENGTH = 128;

	private final Taxonomy taxonomy;

	private final PhotoIntake photos;

	public PortalReportMapper(Taxonomy taxonomy, PhotoIntake photos) {
		this.taxonomy = taxonomy;
		this.photos = photos;
	}

	public InboundReport toInbound(PortalSubmission submission) {
		PortalReport report = submission.report();
		List<FieldError> errors = new ArrayList<>();
		if (report == null) {
			throw new InvalidReportException(List.of(new FieldError("body", "a JSON report object is required")));
		}
		String text = (report.text() != null) ? report.text().strip() : "";
		if (text.isEmpty()) {
			errors.add(new FieldError("text", "is required"));
		}
		else if (text.codePointCount(0, text.length()) > MAX_TEXT_LENGTH) {
			errors.add(new FieldError("text", "must be at most " + MAX_TEXT_LENGTH + " characters"));
		}
		String address = ReportFields.blankToNull(report.address());
		if (address != null && address.length() > MAX_ADDRESS_LENGTH) {
			errors.add(new FieldError("address", "must be at most " + MAX_ADDRESS_LENGTH + " characters"));
		}
		ReportedPoint point = point(report.location(), errors);
		if (point == null && address == null && report.location() == null) {
			errors.add(new FieldError("location", "is required unless an address is given"));
		}
		Mobile mobile = null;
		if (ReportFields.blankToNull(report.mobile()) != null) {
			Optional<Mobile> parsed = Mobile.parse(report.mobile());
			if (parsed.isEmpty()) {
				errors.add(new FieldError("mobile", "must be an 11-digit mainland mobile number"));
			}
			mobile = parsed.orElse(null);
		}
		String category = ReportFields.blankToNull(report.category());
		if (category != null && this.taxonomy.find(category).isEmpty()) {
			errors.add(new FieldError("category", "is not a known category code"));
		}
		errors.addAll(this.photos.checkUrls(report.mediaUrls(), "media_urls"));
		String key = ReportFields.blankToNull(submission.idempotencyKey());
		if (key != null && key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
			errors.add(
					new FieldError("Idempotency-Key", "must be at most " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidReportException(errors);
		}
		boolean smsAllowed = mobile != null && !Boolean.FALSE.equals(report.smsAllowed());
		List<String> mediaUrls = (report.mediaUrls() != null) ? report.mediaUrls().stream().map(String::strip).toList()
				: List.of();
		ChannelRef ref = (key != null) ? new ChannelRef(key, ChannelRef.Kind.CHANNEL)
				: new ChannelRef(contentHash(mobile, text, point, address, mediaUrls), ChannelRef.Kind.CONTENT);
		return new InboundReport(Channel.PORTAL, ref, submission.receivedAt(), new Reporter(mobile, smsAllowed), text,
				point, address, category, new RawMessage(submission.contentType(), submission.rawBody()),
				ReportOrigin.resident(mediaUrls));
	}

	private static ReportedPoint point(PortalReport.Location location, List<FieldError> errors) {
		return (location == null) ? null : ReportFields.point(location.lon(), location.lat(), location.crs(),
				location.accuracyMeters(), "location", errors);
	}

	/**
	 * Without an idempotency key, a client's retry is recognised by the same sender
	 * sending the same content; the index keeps this only briefly. Photos are content: a
	 * retry sends the same ones, and stored photos are named by their bytes.
	 */
	private static String contentHash(Mobile mobile, String text, ReportedPoint point, String address,
			List<String> mediaUrls) {
		String content = String.join("\u0000", (mobile != null) ? mobile.digits() : "", text,
				(point != null) ? point.crs().code() + point.point() : "", (address != null) ? address : "");
		if (!mediaUrls.isEmpty()) {
			// appended only when present, so reports without photos keep the references
			// they always had
			content += "\u0000" + String.join("\u0001", mediaUrls);
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
			return "sha256:" + HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JVM has SHA-256", ex);
		}
	}

}
