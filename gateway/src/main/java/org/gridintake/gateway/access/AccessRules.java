package org.gridintake.gateway.access;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which client roles may call which endpoint. An API path not named here is open to any
 * known client, never to an anonymous one, so a new endpoint is closed until listed.
 */
final class AccessRules {

	/** What a request needs. */
	sealed interface Requirement {

		/** No key: static pages, photos, health, and Open311 reads when public. */
		record Open() implements Requirement {
		}

		/** The endpoint checks its own credential (signed callbacks, the admin token). */
		record OwnCheck() implements Requirement {
		}

		/** A client key of one of these roles. */
		record AnyOf(Set<ClientRole> roles) implements Requirement {
		}

	}

	private static final Set<ClientRole> EVERY_CLIENT = EnumSet.allOf(ClientRole.class);

	private final List<Rule> rules;

	AccessRules(boolean publicOpen311Reads) {
		Requirement open311Reads = publicOpen311Reads ? new Requirement.Open() : any(EVERY_CLIENT);
		this.rules = List.of(rule(null, "/api/v1/platforms/**", new Requirement.OwnCheck()),
				rule(null, "/api/v1/admin/**", new Requirement.OwnCheck()),
				rule(HttpMethod.POST, "/api/v1/reports", any(EnumSet.of(ClientRole.PORTAL))),
				rule(HttpMethod.POST, "/open311/v2/**", any(EnumSet.of(ClientRole.PORTAL))),
				rule(HttpMethod.GET, "/open311/v2/**", open311Reads),
				rule(null, "/api/v1/hotline/**", any(EnumSet.of(ClientRole.CALL_CENTRE, ClientRole.CONSOLE))),
				rule(null, "/api/v1/console/**", any(EnumSet.of(ClientRole.CONSOLE))),
				rule(null, "/api/v1/field/**", any(EnumSet.of(ClientRole.FIELD_APP))),
				rule(HttpMethod.POST, "/api/v1/photos",
						any(EnumSet.of(ClientRole.PORTAL, ClientRole.FIELD_APP, ClientRole.CONSOLE))),
				rule(HttpMethod.POST, "/api/v1/cases/*/split", any(EnumSet.of(ClientRole.CONSOLE))),
				rule(null, "/api/**", any(EVERY_CLIENT)), rule(null, "/open311/**", any(EVERY_CLIENT)));
	}

	Requirement requirement(HttpMethod method, String path) {
		PathContainer container = PathContainer.parsePath(path);
		for (Rule rule : this.rules) {
			if ((rule.method() == null || rule.method().equals(method)) && rule.pattern().matches(container)) {
				return rule.requirement();
			}
		}
		return new Requirement.Open();
	}

	private static Requirement any(Set<ClientRole> roles) {
		return new Requirement.AnyOf(Set.copyOf(roles));
	}

	private static Rule rule(HttpMethod method, String pattern, Requirement requirement) {
		return new Rule(method, PathPatternParser.defaultInstance.parse(pattern), requirement);
	}

	private record Rule(HttpMethod method, PathPattern pattern, Requirement requirement) {
	}

}
