package org.gridintake.routes.hotline;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.casedraft.Channel;
import org.gridintake.routes.casedraft.ChannelRef;
import org.gridintake.routes.casedraft.Mobile;
import org.gridintake.routes.casedraft.RawMessage;
import org.gridintake.routes.casedraft.ReportedPoint;
import org.gridintake.routes.casedraft.Reporter;
import org.gridintake.routes.intake.FieldError;
import org.gridintake.routes.intake.InboundReport;
import org.gridintake.routes.intake.InvalidReportException;
import org.gridintake.routes.intake.ReportFields;
import org.gridintake.routes.portal.PortalReport;
import org.gridintake.routes.routing.Taxonomy;

/**
 * Checks a call log field by field and turns it into an {@link InboundReport}. The
 * summary is the report's text; the whole log, with operator and call times, is kept
 * verbatim as the raw message.
 */
public class CallLogMapper {

	private final Taxonomy taxonomy;

	public CallLogMapper(Taxonomy taxonomy) {
		this.taxonomy = taxonomy;
	}

	public InboundReport toInbound(CallLog log, byte[] rawBody, Instant receivedAt) {
		List<FieldError> errors = new ArrayList<>();
		String callId = ReportFields.required(log.callId(), "call_id", 128, errors);
		ReportFields.required(log.operatorId(), "operator_id", 64, errors);
		String summary = ReportFields.required(log.summary(), "summary", 2000, errors);
		Instant started = instant(log.startedAt(), "started_at", errors);
		Instant ended = instant(log.endedAt(), "ended_at", errors);
		if (started != null && ended != null && ended.isBefore(started)) {
			errors.add(new FieldError("ended_at", "must not be before started_at"));
		}
		String address = ReportFields.blankToNull(log.address());
		if (address != null && address.length() > 200) {
			errors.add(new FieldError("address", "must be at most 200 characters"));
		}
		String caller = ReportFields.blankToNull(log.caller());
		Mobile mobile = null;
		if (caller == null) {
			errors.add(new FieldError("caller", "is required"));
		}
		else if (!caller.replaceAll("[\\s+-]", "").matches("\\d{5,15}")) {
			errors.add(new FieldError("caller", "must be a telephone number"));
		}
		else {
			// a landline caller is still a reporter, but cannot be texted
			mobile = Mobile.parse(caller).orElse(null);
		}
		String category = ReportFields.blankToNull(log.category());
		if (category != null && this.taxonomy.find(category).isEmpty()) {
			errors.add(new FieldError("category", "is not a known category code"));
		}
		ReportedPoint point = point(log, errors);
		if (ReportFields.blankToNull(log.attachTo()) != null && attachTarget(log).isEmpty()) {
			errors.add(new FieldError("attach_to", "is not a case number (like QH20260701-000123)"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidReportException(errors);
		}
		return new InboundReport(Channel.HOTLINE, new ChannelRef(callId, ChannelRef.Kind.CHANNEL), receivedAt,
				new Reporter(mobile, mobile != null), summary, point, address, category,
				new RawMessage("application/json", rawBody),
				org.gridintake.routes.casedraft.ReportOrigin.operator(log.operatorId().strip()));
	}

	/** The case the operator attached the call to, when they did. */
	public Optional<CaseNumber> attachTarget(CallLog log) {
		return CaseNumber.parse(ReportFields.blankToNull(log.attachTo()));
	}

	/**
	 * The map pick of a call log has the same shape, and the same checks, as the
	 * portal's.
	 */
	private static ReportedPoint point(CallLog log, List<FieldError> errors) {
		PortalReport.Location location = log.location();
		return (location == null) ? null : ReportFields.point(location.lon(), location.lat(), location.crs(),
				location.accuracyMeters(), "location", errors);
	}

	private static Instant instant(String value, String field, List<FieldError> errors) {
		if (value == null || value.isBlank()) {
			errors.add(new FieldError(field, "is required"));
			return null;
		}
		try {
			return OffsetDateTime.parse(value.strip()).toInstant();
		}
		catch (DateTimeParseException ex) {
			errors.add(new FieldError(field, "must be an ISO-8601 time with offset, e.g. 2026-07-01T09:30:00+08:00"));
			return null;
		}
	}

}
