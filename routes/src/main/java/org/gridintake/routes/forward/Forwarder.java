package org.gridintake.routes.forward;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.gridintake.routes.casedraft.CaseDraft;
import org.gridintake.routes.casedraft.CaseStore.CaseRecord;
import org.gridintake.routes.geo.Crs;
import org.gridintake.routes.geo.CoordinateTransform;
import org.gridintake.routes.geo.GeoPoint;
import org.gridintake.routes.geo.GridLevel;
import org.gridintake.routes.routing.Category;
import org.gridintake.routes.routing.PlatformDirectory;
import org.gridintake.routes.routing.PlatformEndpoint;
import org.gridintake.routes.routing.Rerouter;
import org.gridintake.routes.routing.Taxonomy;
import org.gridintake.routes.sla.Deadlines;
import org.gridintake.routes.sla.ServiceLevels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends one claimed outbox item to its platform and records what came of it. */
public class Forwarder {

	private static final Logger log = LoggerFactory.getLogger(Forwarder.class);

	private final PlatformDirectory platforms;

	private final Taxonomy taxonomy;

	private final PlatformClient client;

	private final ForwardQueue queue;

	private final RetryPolicy retryPolicy;

	private final CircuitBreakers breakers;

	private final Clock clock;

	private final int batchSize;

	private final java.time.Duration lease;

	private final ServiceLevels serviceLevels;

	private final Rerouter rerouter;

	/**
	 * @param serviceLevels sets the deadlines of a platform that takes a case
	 * @param rerouter routes a case a platform refused to the next one
	 */
	public Forwarder(PlatformDirectory platforms, Taxonomy taxonomy, PlatformClient client, ForwardQueue queue,
			RetryPolicy retryPolicy, CircuitBreakers breakers, Clock clock, int batchSize, java.time.Duration lease,
			ServiceLevels serviceLevels, Rerouter rerouter) {
		this.serviceLevels = serviceLevels;
		this.rerouter = rerouter;
		this.breakers = breakers;
		this.platforms = platforms;
		this.taxonomy = taxonomy;
		this.client = client;
		this.queue = queue;
		this.retryPolicy = retryPolicy;
		this.clock = clock;
		this.batchSize = batchSize;
		this.lease = lease;
	}

	/** Claims the next due items; each stays leased to this instance while it is sent. */
	public java.util.List<ForwardTask> claimBatch() {
		return this.queue.claimDue(this.batchSize, this.lease);
	}

	public void forward(ForwardTask task) {
		Optional<PlatformEndpoint> platform = this.platforms.byId(task.platformId());
		if (platform.isEmpty()) {
			this.queue.deadLetter(task, "platform " + task.platformId() + " is not configured");
			return;
		}
		Optional<Instant> blocked = this.breakers.blockedUntil(task.platformId());
		if (blocked.isPresent()) {
			// not an attempt: the case waits for the platform without using up its
			// retries
			this.queue.postpone(task, "platform " + task.platformId() + " is failing; circuit open", blocked.get());
			return;
		}
		PlatformCase platformCase = toPlatformCase(task.caseRecord(), platform.get());
		String caseNumber = task.caseRecord().draft().caseNumber().value();
		ForwardOutcome outcome = switch (task.kind()) {
			case CASE -> this.client.forward(platform.get(), platformCase, task.idempotencyKey());
			case UPDATE -> this.client.update(platform.get(), platformCase, task.idempotencyKey());
			case WITHDRAW, REMINDER -> this.client.notice(platform.get(), notice(task), task.idempotencyKey());
		};
		if (outcome instanceof ForwardOutcome.RetryLater) {
			this.breakers.failed(task.platformId());
		}
		else {
			this.breakers.succeeded(task.platformId());
		}
		if (outcome instanceof ForwardOutcome.Delivered delivered) {
			log.info("Case {} {} {}", caseNumber, sentVerb(task.kind()), task.platformId());
			Instant now = this.clock.instant();
			this.queue.delivered(task, delivered.platformCaseId(), now,
					(task.kind() == ForwardKind.CASE) ? deadlines(task, platform.get(), now) : null);
		}
		else if (outcome instanceof ForwardOutcome.Refused refused) {
			log.warn("Case {} refused by {}: {}", caseNumber, task.platformId(), refused.reason());
			// "not our responsibility": the next platform not yet tried gets it, as after
			// a 回退
			boolean rerouted = task.kind() == ForwardKind.CASE && this.rerouter != null && this.rerouter
				.refused(task.caseRecord().draft().caseNumber(), task.platformId(), task.id(), refused.reason());
			if (!rerouted) {
				this.queue.deadLetter(task, "refused: " + refused.reason());
			}
		}
		else if (outcome instanceof ForwardOutcome.RetryLater retry) {
			int failed = task.failedAttempts() + 1;
			if (this.retryPolicy.retryAfter(failed)) {
				log.info("Case {} not delivered to {} (attempt {}): {}", caseNumber, task.platformId(), failed,
						retry.reason());
				this.queue.retryLater(task, retry.reason(),
						this.clock.instant().plus(this.retryPolicy.delayAfter(failed)));
			}
			else {
				log.warn("Case {} dead-lettered for {} after {} attempts: {}", caseNumber, task.platformId(), failed,
						retry.reason());
				this.queue.deadLetter(task, retry.reason());
			}
		}
	}

	private Deadlines deadlines(ForwardTask task, PlatformEndpoint platform, Instant deliveredAt) {
		if (this.serviceLevels == null) {
			return null;
		}
		CaseDraft draft = task.caseRecord().draft();
		// the level the case was routed at; a platform named by a rule works at its own
		GridLevel level = (draft.route() != null && platform.id().equals(draft.route().platformId()))
				? draft.route().level() : platform.level();
		return new Deadlines(this.serviceLevels.acceptDue(draft.categoryCode(), level, deliveredAt),
				this.serviceLevels.resolveDue(draft.categoryCode(), level, deliveredAt));
	}

	private PlatformNotice notice(ForwardTask task) {
		CaseDraft draft = task.caseRecord().draft();
		String holder = (draft.route() != null) ? draft.route().platformId() : null;
		String reason = (task.kind() == ForwardKind.WITHDRAW)
				? "not accepted within the service level; the case now lies with " + holder
				: "not resolved within the service level";
		return new PlatformNotice((task.kind() == ForwardKind.WITHDRAW) ? "withdrawal" : "reminder",
				draft.caseNumber().value(), draft.platformCaseId(), reason, this.clock.instant());
	}

	private static String sentVerb(ForwardKind kind) {
		return switch (kind) {
			case CASE -> "forwarded to";
			case UPDATE -> "update sent to";
			case WITHDRAW -> "withdrawal sent to";
			case REMINDER -> "reminder sent to";
		};
	}

	PlatformCase toPlatformCase(CaseRecord caseRecord, PlatformEndpoint platform) {
		CaseDraft draft = caseRecord.draft();
		GeoPoint wgs84 = draft.location();
		GeoPoint gcj02 = (wgs84 != null) ? CoordinateTransform.fromWgs84(wgs84, Crs.GCJ02) : null;
		String contact = draft.reporter()
			.contact()
			.map((mobile) -> platform.receivesReporterContact() ? mobile.digits() : mobile.masked())
			.orElse(null);
		return new PlatformCase(draft.caseNumber().value(), draft.categoryCode(),
				this.taxonomy.find(draft.categoryCode()).map(Category::name).orElse(null), draft.description(),
				point(wgs84), point(gcj02), draft.address(),
				draft.gridChain()
					.map((chain) -> new PlatformCase.Grid(chain.district().code(), chain.street().code(),
							chain.community().code(), chain.grid().code(), chain.grid().name()))
					.orElse(null),
				caseRecord.reports(), (draft.origin() != null) ? draft.origin().mediaUrls() : java.util.List.of(),
				contact, draft.receivedAt(), draft.route() != null && draft.route().triage(),
				(draft.route() != null) ? draft.route().rule() : null, channelMix(caseRecord));
	}

	private static java.util.Map<String, Integer> channelMix(CaseRecord caseRecord) {
		java.util.Map<String, Integer> mix = new java.util.TreeMap<>();
		caseRecord.channelMix().forEach((channel, count) -> mix.put(channel.code(), count));
		return mix;
	}

	private static PlatformCase.Point point(GeoPoint point) {
		return (point != null) ? new PlatformCase.Point(point.lon(), point.lat()) : null;
	}

}
