package org.gridintake.routes.notify;

/**
 * The state of an outbox, for operators.
 *
 * @param pending items waiting to be sent (including those waiting to retry)
 * @param dead items given up on until an operator replays them
 */
public record OutboxCounts(long pending, long dead) {
}
