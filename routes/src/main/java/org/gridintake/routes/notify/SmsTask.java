package org.gridintake.routes.notify;

/**
 * One claimed text from the SMS outbox.
 *
 * @param id the outbox row, also the reference that keeps the text from going twice
 * @param sms the text
 * @param failedAttempts how many attempts have failed so far
 * @param kind why it is sent
 */
public record SmsTask(long id, OutboundSms sms, int failedAttempts, SmsKind kind) {
}
