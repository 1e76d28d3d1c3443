package org.gridintake.routes.routing;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridintake.routes.geo.GridLevel;

/** The platforms the gateway forwards to, found by id or by the area they cover. */
public class PlatformDirectory {

	private final Map<String, PlatformEndpoint> byId = new LinkedHashMap<>();

	public PlatformDirectory(List<PlatformEndpoint> platforms) {
		for (PlatformEndpoint platform : platforms) {
			if (this.byId.putIfAbsent(platform.id(), platform) != null) {
				throw new IllegalArgumentException("platform id " + platform.id() + " is configured twice");
			}
		}
	}

	/**
	 * The platforms whose status the gateway has to fetch, since they cannot call back.
	 */
	public List<PlatformEndpoint> polled() {
		return this.byId.values().stream().filter((platform) -> platform.protocol().polled()).toList();
	}

	public Optional<PlatformEndpoint> byId(String id) {
		return Optional.ofNullable(id).map(this.byId::get);
	}

	/**
	 * The platform of the given level that covers an area; when several do, the one
	 * configured for the narrowest area wins, so a street with its own system overrides a
	 * city-wide street platform.
	 */
	public Optional<PlatformEndpoint> covering(GridLevel level, String areaCode) {
		return this.byId.values()
			.stream()
			.filter((platform) -> platform.level() == level && platform.covers(areaCode))
			.max(Comparator.comparingInt((PlatformEndpoint platform) -> platform.areaCode().length()));
	}

	/**
	 * Every platform of the level covering an area, the narrowest first: the candidates a
	 * case may be re-routed to after one of them sent it back.
	 */
	public List<PlatformEndpoint> allCovering(GridLevel level, String areaCode) {
		return this.byId.values()
			.stream()
			.filter((platform) -> platform.level() == level && platform.covers(areaCode))
			.sorted(Comparator.comparingInt((PlatformEndpoint platform) -> platform.areaCode().length()).reversed())
			.toList();
	}

}
