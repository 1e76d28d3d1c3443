package org.gridintake.routes.routing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.gridintake.routes.casedraft.Channel;
import org.gridintake.routes.geo.GridLevel;

/**
 * The city's routing rules, checked whole before use: the first matching rule in file
 * order decides, then the defaults (the category's level). Urgent words mark a report
 * urgent and may send it one level up.
 *
 * @param rules the entries, in file order
 * @param urgentKeywords words that make a report urgent
 * @param urgentRaisesLevel whether an urgent report goes one level up under the defaults
 * and under rules that do not say
 */
public record RoutingRules(List<RoutingRule> rules, List<String> urgentKeywords, boolean urgentRaisesLevel) {

	/** The words a report is urgent for when the city's file does not list its own. */
	public static final List<String> DEFAULT_URGENT_KEYWORDS = List.of("危险", "塌陷", "起火", "漏气");

	private static final Set<String> TOP_KEYS = Set.of("urgent-keywords", "urgent-raises-level", "rules");

	private static final Set<String> RULE_KEYS = Set.of("name", "category", "area", "channel", "unlocated", "urgent",
			"platform", "level", "urgent-raises-level");

	private static final int MAX_KEYWORD_LENGTH = 16;

	public RoutingRules {
		rules = List.copyOf(rules);
		urgentKeywords = List.copyOf(urgentKeywords);
	}

	/** Today's behaviour: no rules, the default urgent words, no level raised. */
	public static RoutingRules defaults() {
		return new RoutingRules(List.of(), DEFAULT_URGENT_KEYWORDS, false);
	}

	/** The first urgent word in the text, if any. */
	public Optional<String> urgentWord(String text) {
		if (text == null) {
			return Optional.empty();
		}
		return this.urgentKeywords.stream().filter(text::contains).findFirst();
	}

	/**
	 * Reads and checks rules as parsed from YAML. Every problem is named with its entry,
	 * and one problem refuses the whole file.
	 * @param source what the rules were read from, for messages
	 * @param document the parsed document (null for an empty file)
	 * @param taxonomy the categories rules may name
	 * @param platforms the platforms rules may name
	 * @param knownArea whether a grid-hierarchy code exists
	 * @throws IllegalArgumentException naming every bad entry
	 */
	public static RoutingRules read(String source, Object document, Taxonomy taxonomy, PlatformDirectory platforms,
			Predicate<String> knownArea) {
		List<String> problems = new ArrayList<>();
		Map<?, ?> top = (document == null) ? Map.of() : (document instanceof Map<?, ?> map) ? map : null;
		if (top == null) {
			throw new IllegalArgumentException(source + ": expected a mapping with urgent-keywords and rules");
		}
		for (Object key : top.keySet()) {
			if (!TOP_KEYS.contains(String.valueOf(key))) {
				problems.add("unknown key '" + key + "' (expected one of " + TOP_KEYS + ")");
			}
		}
		List<String> keywords = keywords(top.get("urgent-keywords"), problems);
		Boolean raise = bool(top.get("urgent-raises-level"), "urgent-raises-level", problems);
		List<RoutingRule> rules = new ArrayList<>();
		Object entries = top.get("rules");
		if (entries != null && !(entries instanceof List<?>)) {
			problems.add("rules: expected a list of rules");
		}
		else if (entries != null) {
			List<?> list = (List<?>) entries;
			for (int i = 0; i < list.size(); i++) {
				rule(i + 1, list.get(i), taxonomy, platforms, knownArea, problems).ifPresent(rules::add);
			}
		}
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException(source + ": " + String.join("; ", problems));
		}
		return new RoutingRules(rules, keywords, Boolean.TRUE.equals(raise));
	}

	private static List<String> keywords(Object given, List<String> problems) {
		if (given == null) {
			return DEFAULT_URGENT_KEYWORDS;
		}
		if (!(given instanceof List<?> list)) {
			problems.add("urgent-keywords: expected a list of words");
			return List.of();
		}
		Set<String> words = new LinkedHashSet<>();
		for (Object word : list) {
			String text = (word instanceof String string) ? string.strip() : null;
			if (text == null || text.isEmpty() || text.length() > MAX_KEYWORD_LENGTH
					|| text.chars().anyMatch((c) -> Character.isWhitespace(c) || Character.isISOControl(c))) {
				problems.add("urgent-keywords: bad keyword '" + word + "' (a word of 1 to " + MAX_KEYWORD_LENGTH
						+ " characters without spaces)");
			}
			else if (!words.add(text)) {
				problems.add("urgent-keywords: '" + text + "' is listed twice");
			}
		}
		return List.copyOf(words);
	}

	private static Optional<RoutingRule> rule(int position, Object entry, Taxonomy taxonomy,
			PlatformDirectory platforms, Predicate<String> knownArea, List<String> problems) {
		if (!(entry instanceof Map<?, ?> map)) {
			problems.add("rules[" + position + "]: expected a mapping");
			return Optional.empty();
		}
		String name = (map.get("name") instanceof String text && !text.isBlank()) ? text.strip() : null;
		String where = "rules[" + position + "]" + ((name != null) ? " \"" + name + "\"" : "");
		int before = problems.size();
		for (Object key : map.keySet()) {
			if (!RULE_KEYS.contains(String.valueOf(key))) {
				problems.add(where + ": unknown key '" + key + "' (expected some of " + RULE_KEYS + ")");
			}
		}
		String category = null;
		Object givenCategory = map.get("category");
		if (givenCategory != null) {
			if (!(givenCategory instanceof String code)) {
				problems.add(where + ": category " + givenCategory + " must be a quoted code such as \"0101\"");
			}
			else if (taxonomy.find(code).isEmpty()) {
				problems.add(where + ": unknown category '" + code + "'");
			}
			else {
				category = code;
			}
		}
		String area = (map.get("area") != null) ? String.valueOf(map.get("area")).strip() : null;
		if (area != null && (!area.matches("[0-9]+") || !knownArea.test(area))) {
			problems.add(where + ": unknown area '" + area + "' (a district, street, community or grid code)");
		}
		Channel channel = null;
		if (map.get("channel") != null) {
			try {
				channel = Channel.fromCode(String.valueOf(map.get("channel")));
			}
			catch (IllegalArgumentException ex) {
				problems.add(where + ": unknown channel '" + map.get("channel") + "'");
			}
		}
		Boolean unlocated = bool(map.get("unlocated"), where + ": unlocated", problems);
		Boolean urgent = bool(map.get("urgent"), where + ": urgent", problems);
		Boolean raise = bool(map.get("urgent-raises-level"), where + ": urgent-raises-level", problems);
		String platformId = (map.get("platform") != null) ? String.valueOf(map.get("platform")).strip() : null;
		if (platformId != null && platforms.byId(platformId).isEmpty()) {
			problems.add(where + ": unknown platform '" + platformId + "'");
		}
		GridLevel level = null;
		if (map.get("level") != null) {
			try {
				level = GridLevel.fromCode(String.valueOf(map.get("level")));
				if (level == GridLevel.GRID) {
					problems.add(where + ": level must be community, street or district, not grid");
				}
			}
			catch (IllegalArgumentException ex) {
				problems.add(where + ": unknown level '" + map.get("level") + "'");
			}
		}
		if ((platformId == null) == (map.get("level") == null)) {
			problems.add(where + ": give either a platform or a level");
		}
		if (Boolean.TRUE.equals(unlocated) && platformId == null) {
			problems.add(where + ": an unlocated case has no grid to find a level's platform in; name a platform");
		}
		if (problems.size() > before) {
			return Optional.empty();
		}
		return Optional
			.of(new RoutingRule(position, name, category, area, channel, unlocated, urgent, platformId, level, raise));
	}

	private static Boolean bool(Object given, String where, List<String> problems) {
		if (given == null || given instanceof Boolean) {
			return (Boolean) given;
		}
		problems.add(where + ": expected true or false, not '" + given + "'");
		return null;
	}

}
