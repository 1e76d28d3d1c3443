package org.gridintake.routes.routing;

import java.util.Optional;

import org.gridintake.routes.geo.GridChain;
import org.gridintake.routes.geo.GridLevel;
import org.gridintake.routes.intake.IntakeWork;

/**
 * Picks the platform that must handle a case: the first of the city's routing rules that
 * matches, else the category's level, at the platform covering the located grid there.
 * Cases without a place or a category go to a triage queue, never to a guessed handler.
 * Urgent words mark the case urgent and, where the rules say so, send it one level up.
 */
public class CaseRouter {

	private final Taxonomy taxonomy;

	private final PlatformDirectory platforms;

	private final String serviceDistrictCode;

	private final RoutingRulesSource rules;

	public CaseRouter(Taxonomy taxonomy, PlatformDirectory platforms, String serviceDistrictCode) {
		this(taxonomy, platforms, serviceDistrictCode, RoutingRules::defaults);
	}

	public CaseRouter(Taxonomy taxonomy, PlatformDirectory platforms, String serviceDistrictCode,
			RoutingRulesSource rules) {
		this.taxonomy = taxonomy;
		this.platforms = platforms;
		this.serviceDistrictCode = serviceDistrictCode;
		this.rules = rules;
		if (platforms.covering(GridLevel.DISTRICT, serviceDistrictCode).isEmpty()) {
			throw new IllegalArgumentException("no district platform covers the service district " + serviceDistrictCode
					+ ": triage has nowhere to go");
		}
	}

	public IntakeWork route(IntakeWork work) {
		GridChain chain = (work.location() != null) ? work.location().chain() : null;
		return work.withRoute(decide(new RoutingInput(work.categoryCode(), chain,
				(chain == null) ? work.triageArea() : null, work.text(), work.report().channel())));
	}

	public RouteDecision decide(String categoryCode, GridChain chain) {
		return decide(new RoutingInput(categoryCode, chain, null, null, null));
	}

	public RouteDecision decide(RoutingInput input) {
		RoutingRules current = this.rules.current();
		Optional<String> urgentWord = current.urgentWord(input.text());
		Priority priority = urgentWord.isPresent() ? Priority.URGENT : Priority.NORMAL;
		for (RoutingRule rule : current.rules()) {
			if (rule.matches(input, urgentWord.isPresent())) {
				Optional<RouteDecision> decided = byRule(rule, input, urgentWord,
						(rule.raiseWhenUrgent() != null) ? rule.raiseWhenUrgent() : current.urgentRaisesLevel());
				if (decided.isPresent()) {
					return decided.get().withPriority(priority);
				}
			}
		}
		return byDefaults(input, urgentWord, current.urgentRaisesLevel()).withPriority(priority);
	}

	private Optional<RouteDecision> byRule(RoutingRule rule, RoutingInput input, Optional<String> urgentWord,
			boolean raise) {
		GridChain chain = input.chain();
		if (rule.platformId() != null) {
			PlatformEndpoint named = this.platforms.byId(rule.platformId()).orElseThrow();
			if (chain == null) {
				return Optional.of(new RouteDecision(named.id(), named.level(), areaFor(input, named),
						rule.describe() + " → " + named.id(), true));
			}
			GridLevel wider = wider(named.level());
			if (raise && urgentWord.isPresent() && wider != null) {
				Optional<PlatformEndpoint> up = this.platforms.covering(wider, chain.at(wider).code());
				if (up.isPresent()) {
					return Optional.of(new RouteDecision(up.get().id(), wider, chain.at(wider).code(),
							rule.describe() + " → " + named.id() + "; urgent word 「" + urgentWord.get()
									+ "」 raises it to " + wider.code() + " level: " + up.get().id(),
							false));
				}
			}
			return Optional.of(new RouteDecision(named.id(), named.level(), chain.at(named.level()).code(),
					rule.describe() + " → " + named.id(), false));
		}
		if (chain == null) {
			return Optional.empty();
		}
		GridLevel wanted = rule.level();
		String why = rule.describe() + " → " + wanted.code() + " level";
		if (raise && urgentWord.isPresent() && wider(wanted) != null) {
			why += "; urgent word 「" + urgentWord.get() + "」 raises it to " + wider(wanted).code() + " level";
			wanted = wider(wanted);
		}
		return atLevelOrWider(wanted, chain, why);
	}

	private String areaFor(RoutingInput input, PlatformEndpoint platform) {
		return (input.triageArea() != null && platform.covers(input.triageArea().street().code()))
				? input.triageArea().street().code() : platform.areaCode();
	}

	private RouteDecision byDefaults(RoutingInput input, Optional<String> urgentWord, boolean raise) {
		if (input.chain() == null && input.triageArea() != null) {
			return triage(GridLevel.STREET, input.triageArea().street().code(),
					"unlocated, but its words point to " + input.triageArea().street().name() + ": street triage");
		}
		GridChain chain = input.chain();
		if (chain == null) {
			return triage(GridLevel.DISTRICT, this.serviceDistrictCode, "unlocated: district triage");
		}
		Optional<Category> category = this.taxonomy.find(input.categoryCode());
		if (category.isEmpty()) {
			return triage(GridLevel.STREET, chain.street().code(), "no category: street triage");
		}
		GridLevel wanted = category.get().level();
		String why = "category " + category.get().code() + " " + category.get().name() + " is handled at "
				+ wanted.code() + " level";
		if (raise && urgentWord.isPresent() && wider(wanted) != null) {
			why += "; urgent word 「" + urgentWord.get() + "」 raises it to " + wider(wanted).code() + " level";
			wanted = wider(wanted);
		}
		return atLevelOrWider(wanted, chain, why).orElseGet(() -> triage(GridLevel.DISTRICT, chain.district().code(),
				"no platform covers the case's area: district triage"));
	}

	private Optional<RouteDecision> atLevelOrWider(GridLevel wanted, GridChain chain, String why) {
		for (GridLevel level = wanted; level != null; level = wider(level)) {
			String area = chain.at(level).code();
			Optional<PlatformEndpoint> platform = this.platforms.covering(level, area);
			if (platform.isPresent()) {
				String because = why + ((level != wanted) ? "; no " + wanted.code() + " platform covers "
						+ chain.at(wanted).code() + ", so " + level.code() : "");
				return Optional.of(new RouteDecision(platform.get().id(), level, area, because, false));
			}
		}
		return Optional.empty();
	}

	private RouteDecision triage(GridLevel level, String area, String why) {
		for (GridLevel candidate = level; candidate != null; candidate = wider(candidate)) {
			Optional<PlatformEndpoint> platform = this.platforms.covering(candidate, area);
			if (platform.isPresent()) {
				return new RouteDecision(platform.get().id(), candidate, area, why, true);
			}
		}
		PlatformEndpoint district = this.platforms.covering(GridLevel.DISTRICT, this.serviceDistrictCode).orElseThrow();
		return new RouteDecision(district.id(), GridLevel.DISTRICT, this.serviceDistrictCode, why, true);
	}

	static GridLevel wider(GridLevel level) {
		return switch (level) {
			case GRID -> GridLevel.COMMUNITY;
			case COMMUNITY -> GridLevel.STREET;
			case STREET -> GridLevel.DISTRICT;
			case DISTRICT -> null;
		};
	}

}
