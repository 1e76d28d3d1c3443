package org.gridintake.routes.open311;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.casedraft.CaseQuery;
import org.gridintake.routes.casedraft.CaseStatus;
import org.gridintake.routes.casedraft.CaseStore.CaseRecord;

/**
 * The parameters of GeoReport v2 {@code GET requests}. With {@code service_request_id}
 * the listing is those cases, narrowed by whatever other filters were sent (as this
 * gateway always did). Without it, the spec's search: requests of the given service codes
 * and states within a window of at most 90 days (the last 90 days when no date is sent),
 * newest first, at most 1,000.
 */
public final class Open311Listing {

	/** Ids looked up per list request; each is one read of the store. */
	public static final int MAX_IDS = 50;

	/** The spec's window: the default and the longest a client may ask for. */
	public static final Duration WINDOW = Duration.ofDays(90);

	/** The spec's largest answer. */
	public static final int MAX_RESULTS = 1000;

	private static final Set<CaseStatus> OPEN = EnumSet.complementOf(EnumSet.of(CaseStatus.CLOSED));

	private final boolean byIds;

	private final List<CaseNumber> ids;

	private final Set<String> serviceCodes;

	private final Set<String> states;

	private final Instant start;

	private final Instant end;

	private Open311Listing(boolean byIds, List<CaseNumber> ids, Set<String> serviceCodes, Set<String> states,
			Instant start, Instant end) {
		this.byIds = byIds;
		this.ids = ids;
		this.serviceCodes = serviceCodes;
		this.states = states;
		this.start = start;
		this.end = end;
	}

	/**
	 * @throws Open311RejectedException (400) naming every bad parameter
	 */
	public static Open311Listing parse(Map<String, String> parameters) {
		List<Open311Error> errors = new ArrayList<>();
		List<String> given = split(parameters.get("service_request_id"));
		if (given.size() > MAX_IDS) {
			errors.add(bad("service_request_id", "at most " + MAX_IDS + " ids"));
		}
		List<CaseNumber> ids = given.stream().map(CaseNumber::parse).flatMap(Optional::stream).distinct().toList();
		Set<String> states = new LinkedHashSet<>(split(parameters.get("status")));
		if (!Set.of("open", "closed").containsAll(states)) {
			errors.add(bad("status", "must be open or closed, or both separated by a comma"));
		}
		Instant start = instant(parameters.get("start_date"), "start_date", errors);
		Instant end = instant(parameters.get("end_date"), "end_date", errors);
		if (start != null && end != null) {
			if (start.isAfter(end)) {
				errors.add(bad("start_date", "must not be after end_date"));
			}
			else if (Duration.between(start, end).compareTo(WINDOW) > 0) {
				errors.add(bad("end_date", "must be at most 90 days after start_date"));
			}
		}
		if (!errors.isEmpty()) {
			throw new Open311RejectedException(400, errors);
		}
		// a request id the gateway could never have issued matches nothing; it is not
		// an error, just as an unknown one is not
		return new Open311Listing(!given.isEmpty(), ids, new LinkedHashSet<>(split(parameters.get("service_code"))),
				states, start, end);
	}

	/** Whether the client named the requests it wants. */
	public boolean byIds() {
		return this.byIds;
	}

	public List<CaseNumber> ids() {
		return this.ids;
	}

	/** For a listing by ids: whether a case passes the other filters sent. */
	public boolean matches(CaseRecord record) {
		Instant requested = record.draft().receivedAt();
		return (this.serviceCodes.isEmpty() || this.serviceCodes.contains(record.draft().categoryCode()))
				&& (this.states.isEmpty() || this.states.contains(Open311Views.openOrClosed(record.draft().status())))
				&& (this.start == null || !requested.isBefore(this.start))
				&& (this.end == null || !requested.isAfter(this.end));
	}

	/**
	 * The search, its window completed from the dates sent: only a start runs 90 days on
	 * from it, only an end 90 days back, neither the last 90 days.
	 */
	public CaseQuery query(Instant now) {
		Instant to = (this.end != null) ? this.end : (this.start != null) ? this.start.plus(WINDOW) : now;
		Instant from = (this.start != null) ? this.start : to.minus(WINDOW);
		Set<CaseStatus> statuses = EnumSet.noneOf(CaseStatus.class);
		if (this.states.size() == 1) {
			statuses.addAll(this.states.contains("closed") ? EnumSet.of(CaseStatus.CLOSED) : OPEN);
		}
		return new CaseQuery(from, to, this.serviceCodes, statuses, MAX_RESULTS);
	}

	private static List<String> split(String value) {
		if (value == null || value.isBlank()) {
			return List.of();
		}
		return Arrays.stream(value.split(",")).map(String::strip).filter((part) -> !part.isEmpty()).toList();
	}

	private static Instant instant(String value, String field, List<Open311Error> errors) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value.strip()).toInstant();
		}
		catch (DateTimeParseException ex) {
			errors.add(bad(field, "must be a W3C date-time with a time zone, such as 2026-07-01T08:00:00+08:00"));
			return null;
		}
	}

	private static Open311Error bad(String field, String message) {
		return new Open311Error(400, field + ": " + message);
	}

}
