package org.gridintake.routes.casedraft;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a case stands in the grid-management loop (receive, locate, forward, accept,
 * dispatch, handle, verify and close), plus the side states for merges, returns (回退) and
 * reopening.
 */
public enum CaseStatus {

	RECEIVED("已受理"), LOCATED("已定位"), UNLOCATED("待定位"), MERGED("已合并"), FORWARDED("已转办"), ACCEPTED("已签收"),
	DISPATCHED("已派遣"), IN_PROGRESS("处置中"), RESOLVED("已处置"), CLOSED("已结案"), RETURNED("已回退"), REOPENED("已重启");

	/** What a platform may report about a case it holds. */
	public static final Set<CaseStatus> PLATFORM_REPORTABLE = EnumSet.of(ACCEPTED, DISPATCHED, IN_PROGRESS, RESOLVED,
			CLOSED, RETURNED, REOPENED);

	private final String chineseName;

	CaseStatus(String chineseName) {
		this.chineseName = chineseName;
	}

	public String chineseName() {
		return this.chineseName;
	}

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<CaseStatus> fromCode(String code) {
		if (code == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(valueOf(code.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Whether a platform's report may move a case from this status to {@code next}.
	 * Platforms skip steps (many never send ACCEPTED), so any forward step along the loop
	 * is allowed; going back is not, except a reopen after resolution or closure and a
	 * return before the work is done.
	 */
	public boolean platformMayMoveTo(CaseStatus next) {
		if (!PLATFORM_REPORTABLE.contains(next) || this == MERGED) {
			return false;
		}
		return switch (next) {
			case REOPENED -> this == RESOLVED || this == CLOSED;
			case RETURNED -> EnumSet.of(FORWARDED, ACCEPTED, DISPATCHED, IN_PROGRESS, REOPENED).contains(this);
			default -> loopStep(next) > loopStep(this) && this != CLOSED && this != RETURNED
					|| this == REOPENED && loopStep(next) >= loopStep(ACCEPTED);
		};
	}

	private static int loopStep(CaseStatus status) {
		return switch (status) {
			case RECEIVED -> 0;
			case LOCATED, UNLOCATED -> 1;
			case FORWARDED -> 2;
			case ACCEPTED -> 3;
			case DISPATCHED -> 4;
			case IN_PROGRESS -> 5;
			case RESOLVED -> 6;
			case CLOSED -> 7;
			case MERGED, RETURNED, REOPENED -> -1;
		};
	}

}
