package org.gridintake.routes.figures;

/**
 * The grid-management key figures of one group of cases received in a period. A
 * <em>master</em> is a case that is not a merged duplicate; duplicates count in
 * {@code received}, {@code located}, {@code merged} and satisfaction only, so one
 * incident reported five times is forwarded, accepted and closed once.
 *
 * @param key platform id, street code or community code; {@code null} for cases without
 * one
 * @param name the platform's name, or the street's or community's Chinese name
 * @param received every report received, masters and duplicates
 * @param located reports located to a grid
 * @param merged reports that became a linked duplicate of another case
 * @param forwarded masters forwarded to a platform at least once
 * @param accepted forwarded masters a platform has taken: its first step ACCEPTED or
 * later (platforms that skip ACCEPTED and dispatch straight away count too)
 * @param closed forwarded masters whose status is CLOSED now (a case reopened after
 * closure is not closed)
 * @param closureRate {@code closed / forwarded}; {@code null} when nothing was forwarded
 * @param onTimeAcceptanceRate among forwarded masters whose acceptance is decided (taken,
 * or not taken and past the deadline), the share taken on or before the deadline;
 * {@code null} when none is decided yet
 * @param onTimeResolutionRate among forwarded masters whose resolution is decided
 * (RESOLVED or CLOSED now, or past the deadline), the share resolved on or before it;
 * resolution is the last RESOLVED or CLOSED event
 * @param timeToAccept from the first forwarding to the first platform step, over accepted
 * masters
 * @param timeToClose from the first forwarding to the last CLOSED event, over closed
 * masters
 * @param satisfaction residents' survey replies
 * @param returns 回退: each time a platform gave a case back
 * @param escalations each time acceptance lapsed and the case went a level up
 */
public record FigureRow(String key, String name, long received, long located, long merged, long forwarded,
		long accepted, long closed, Double closureRate, Double onTimeAcceptanceRate, Double onTimeResolutionRate,
		Durations timeToAccept, Durations timeToClose, Satisfaction satisfaction, long returns, long escalations) {

	/**
	 * Percentiles (PostgreSQL {@code percentile_cont}, interpolated) in minutes;
	 * {@code null} when there is nothing to measure.
	 */
	public record Durations(Double medianMinutes, Double p90Minutes) {
	}

	/**
	 * Survey replies to cases of the group (a resident who replied twice counts once,
	 * with the last reply).
	 *
	 * @param ratings replies
	 * @param satisfiedRate share of 1 (满意) and 2 (基本满意); {@code null} without replies
	 * @param dissatisfied replies of 3 (不满意)
	 */
	public record Satisfaction(long ratings, Double satisfiedRate, long dissatisfied) {
	}

}
