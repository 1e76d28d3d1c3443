package org.gridintake.routes.console;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.gridintake.routes.casedraft.CaseStore;
import org.gridintake.routes.casedraft.Channel;
import org.gridintake.routes.casedraft.ChannelRef;
import org.gridintake.routes.casedraft.RawMessage;
import org.gridintake.routes.casedraft.ReportOrigin;
import org.gridintake.routes.casedraft.Reporter;
import org.gridintake.routes.geo.CoordinateTransform;
import org.gridintake.routes.geo.GeoPoint;
import org.gridintake.routes.geo.LocateStep;
import org.gridintake.routes.geo.PlaceMatch;
import org.gridintake.routes.intake.FieldError;
import org.gridintake.routes.intake.InboundReport;
import org.gridintake.routes.intake.IntakeWork;
import org.gridintake.routes.intake.InvalidReportException;
import org.gridintake.routes.routing.Taxonomy;

/**
 * What the operator console shows while a call is being logged: where the typed address
 * lands (decided by intake's own locate step, so the console never promises a grid that
 * intake would not pick), and the open cases of the same kind near it, which the caller
 * may be reporting again.
 */
public class ConsoleLookups {

	public static final int DEFAULT_RADIUS_METERS = 300;

	public static final int MAX_RADIUS_METERS = 1000;

	/** More than an operator can read to a caller anyway. */
	static final int MAX_NEARBY = 20;

	/** Older open cases are rarely what a caller reports again. */
	static final Duration RECENT = Duration.ofDays(30);

	private final LocateStep locate;

	private final CaseStore store;

	private final Taxonomy taxonomy;

	public ConsoleLookups(LocateStep locate, CaseStore store, Taxonomy taxonomy) {
		this.locate = locate;
		this.store = store;
		this.taxonomy = taxonomy;
	}

	public Resolution resolve(PlaceQuery query, Instant now) {
		InboundReport probe = new InboundReport(Channel.HOTLINE,
				new ChannelRef("console-resolve", ChannelRef.Kind.CHANNEL), now, Reporter.anonymous(), "",
				query.point(), query.address(), null, new RawMessage("application/json", new byte[0]),
				ReportOrigin.RESIDENT);
		IntakeWork work;
		try {
			work = this.locate.locate(IntakeWork.of(probe));
		}
		catch (InvalidReportException ex) {
			return new Resolution(null, null, null,
					ex.errors()
						.stream()
						.map((e) -> e.field() + " " + e.message())
						.findFirst()
						.orElse("not served here"),
					null);
		}
		if (work.location() != null) {
			return new Resolution(work.location().chain(), work.wgs84(), work.evidence(), null, null);
		}
		return new Resolution(null, null, work.evidence(), unresolvedReason(query, work), work.triageArea());
	}

	private static String unresolvedReason(PlaceQuery query, IntakeWork work) {
		if (work.wgs84() != null) {
			return "the point " + work.wgs84() + " lies outside every unit grid";
		}
		PlaceMatch coarse = work.evidence().match();
		if (coarse == null) {
			return "no place this gateway knows is named in the address";
		}
		String area = (work.triageArea() != null)
				? "; it would go to the triage of " + work.triageArea().street().name() : "";
		return String.format(Locale.ROOT, "'%s' names only %s (%s, confidence %.2f), too coarse to pick a unit grid%s",
				coarse.matchedText(), coarse.kind().name().toLowerCase(Locale.ROOT), coarse.placeName(),
				coarse.confidence(), area);
	}

	/**
	 * @param category the category the operator picked
	 * @param radius metres as typed, null for the default
	 * @throws InvalidReportException naming each bad parameter, or the address when it
	 * does not resolve to a point
	 */
	public Nearby nearby(PlaceQuery query, String category, String radius, Instant now) {
		List<FieldError> errors = new java.util.ArrayList<>();
		if (category == null || category.isBlank()) {
			errors.add(new FieldError("category", "is required"));
		}
		else if (this.taxonomy.find(category.strip()).isEmpty()) {
			errors.add(new FieldError("category", "is not a known category code"));
		}
		int radiusMeters = DEFAULT_RADIUS_METERS;
		if (radius != null && !radius.isBlank()) {
			try {
				radiusMeters = Integer.parseInt(radius.strip());
			}
			catch (NumberFormatException ex) {
				radiusMeters = -1;
			}
			if (radiusMeters < 1 || radiusMeters > MAX_RADIUS_METERS) {
				errors
					.add(new FieldError("radius_m", "must be a whole number of metres from 1 to " + MAX_RADIUS_METERS));
			}
		}
		GeoPoint center = null;
		if (query.point() != null) {
			center = CoordinateTransform.toWgs84(query.point().point(), query.point().crs());
		}
		else {
			Resolution resolution = resolve(query, now);
			if (!resolution.resolved()) {
				errors.add(new FieldError("address", "does not resolve to a place: " + resolution.reason()));
			}
			center = resolution.point();
		}
		if (!errors.isEmpty()) {
			throw new InvalidReportException(errors);
		}
		return new Nearby(center, radiusMeters,
				this.store.openCasesNear(center, radiusMeters, category.strip(), now.minus(RECENT), MAX_NEARBY));
	}

	/**
	 * @param center the WGS-84 point searched around
	 * @param radiusMeters how far around it
	 * @param cases open cases, nearest first
	 */
	public record Nearby(GeoPoint center, int radiusMeters, List<CaseStore.NearbyCase> cases) {
	}

}
