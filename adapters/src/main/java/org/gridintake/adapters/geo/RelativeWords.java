package org.gridintake.adapters.geo;

import java.util.List;

/**
 * The words that follow a place to say where at it something is: 门口, 楼下, 东门 (at it), 附近,
 * 旁边, 西侧 (next to it), 对面 (across the road from it). They belong to the mention, and they
 * say how far the incident may be from the named point, which is what the confidence
 * penalty of each relation reflects. The point itself is not moved: on the labelled
 * reports, incidents described as 对面 a door lie as close to its plate as any others, and
 * roads are often grid boundaries, so carrying a point across one would change the grid
 * on a guess.
 */
final class RelativeWords {

	private static final String[] DIRECTIONS = { "东", "西", "南", "北", "东南", "东北", "西南", "西北" };

	private static final NameTrie<Relation> WORDS = words();

	// Several may follow each other (门口附近, 对面楼下); more than this is complaint text.
	private static final int MAX_CHAINED = 3;

	private RelativeWords() {
	}

	/** How a relative word places the incident against the named place. */
	enum Relation {

		NONE(0.0), AT(0.02), NEAR(0.05), ACROSS(0.08);

		private final double penalty;

		Relation(double penalty) {
			this.penalty = penalty;
		}

		double penalty() {
			return this.penalty;
		}

	}

	/**
	 * The relative words starting at {@code from}.
	 * @return the end of the last one (or {@code from} when there is none) and the
	 * loosest relation among them
	 */
	static Suffix after(CharSequence text, int from) {
		int end = from;
		Relation loosest = Relation.NONE;
		for (int n = 0; n < MAX_CHAINED; n++) {
			int[] longest = { -1 };
			Relation[] relation = { null };
			int at = end;
			WORDS.matchesAt(text, at, (wordEnd, relations) -> {
				longest[0] = wordEnd;
				relation[0] = relations.get(0);
			});
			int exit = exitEnd(text, at);
			if (exit > longest[0]) {
				longest[0] = exit;
				relation[0] = Relation.AT;
			}
			if (longest[0] < 0) {
				break;
			}
			end = longest[0];
			if (relation[0].penalty() > loosest.penalty()) {
				loosest = relation[0];
			}
		}
		return new Suffix(end, loosest);
	}

	/** Metro and building exits named by letter: A口, B出口, C2口. */
	private static int exitEnd(CharSequence text, int from) {
		int i = from;
		if (i < text.length() && isAsciiLetter(text.charAt(i))) {
			i++;
			if (i < text.length() && Character.isDigit(text.charAt(i))) {
				i++;
			}
			for (String word : List.of("出口", "口")) {
				if (startsWith(text, i, word)) {
					return i + word.length();
				}
			}
		}
		return -1;
	}

	static boolean startsWith(CharSequence text, int at, String word) {
		if (at + word.length() > text.length()) {
			return false;
		}
		for (int k = 0; k < word.length(); k++) {
			if (text.charAt(at + k) != word.charAt(k)) {
				return false;
			}
		}
		return true;
	}

	private static boolean isAsciiLetter(char c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
	}

	private static NameTrie<Relation> words() {
		NameTrie.Builder<Relation> words = new NameTrie.Builder<>();
		for (String word : List.of("门口", "门前", "门外", "大门", "大门口", "正门", "正门口", "后门", "侧门", "楼下", "楼前", "楼后", "楼道",
				"楼道里", "院内", "院里", "院子里", "里面", "内部", "出口", "入口", "站口", "站台", "这里", "这边", "那里", "居委会", "办事处", "辖区内")) {
			words.put(word, Relation.AT);
		}
		for (String word : List.of("附近", "周边", "周围", "一带", "旁边", "旁", "边上", "隔壁", "后面", "后边", "前面", "前边", "拐角", "转角",
				"路口", "十字路口", "交叉口", "东段", "西段", "南段", "北段", "中段")) {
			words.put(word, Relation.NEAR);
		}
		for (String word : List.of("对面", "对过", "斜对面", "斜对过", "马路对面", "路对面", "街对面", "对门")) {
			words.put(word, Relation.ACROSS);
		}
		for (String direction : DIRECTIONS) {
			words.put(direction + "门", Relation.AT);
			words.put(direction + "门口", Relation.AT);
			words.put(direction + "大门", Relation.AT);
			for (String side : List.of("侧", "边", "面", "角", "头")) {
				words.put(direction + side, Relation.NEAR);
			}
			words.put("往" + direction, Relation.NEAR);
			words.put("以" + direction, Relation.NEAR);
			words.put("靠" + direction, Relation.NEAR);
		}
		return words.build();
	}

	/**
	 * @param end index after the last relative word
	 * @param relation the loosest relation named, {@link Relation#NONE} when none
	 */
	record Suffix(int end, Relation relation) {
	}

}
