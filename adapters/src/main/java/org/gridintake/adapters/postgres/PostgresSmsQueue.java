package org.gridintake.adapters.postgres;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.gridintake.routes.casedraft.Mobile;
import org.gridintake.routes.notify.OutboundSms;
import org.gridintake.routes.notify.OutboundText;
import org.gridintake.routes.notify.OutboxCounts;
import org.gridintake.routes.notify.SmsKind;
import org.gridintake.routes.notify.SmsQueue;
import org.gridintake.routes.notify.SmsTask;
import org.gridintake.routes.sms.MessageIdKeys;
import org.gridintake.routes.sms.SmsReceipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SMS outbox and its receipts. Sent message ids are indexed under tolerant keys (hex
 * or decimal, leading zeros, case), so a receipt finds its text whichever form the SMSC
 * used, and a receipt that comes before the send is recorded waits for it.
 */
class PostgresSmsQueue implements SmsQueue {

	private static final Logger log = LoggerFactory.getLogger(PostgresSmsQueue.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	PostgresSmsQueue(JdbcClient jdbc, TransactionTemplate tx) {
		this.jdbc = jdbc;
		this.tx = tx;
	}

	@Override
	public boolean enqueue(OutboundText text, String caseNumber, String dedupKey) {
		return this.jdbc.sql("""
				insert into sms_outbox (case_id, mobile, body, kind, dedup_key, next_attempt_at)
				values ((select id from report_case where case_number = ?), ?, ?, ?, ?, coalesce(?, now()))
				on conflict (dedup_key) where dedup_key is not null do nothing""")
			.params(caseNumber, text.to().digits(), text.text(), text.kind().name(), dedupKey,
					(text.notBefore() != null) ? Timestamp.from(text.notBefore()) : null)
			.update() == 1;
	}

	@Override
	public List<SmsTask> claimDue(int max, Duration lease) {
		return this.tx.execute((status) -> this.jdbc.sql("""
				update sms_outbox set next_attempt_at = now() + make_interval(secs => ?)
				where id in (select id from sms_outbox
				             where state = 'PENDING' and next_attempt_at <= now()
				             order by next_attempt_at limit ? for update skip locked)
				returning id, mobile, body, failed_attempts, kind""")
			.params(lease.toMillis() / 1000.0, max)
			.query((rs, rowNum) -> new SmsTask(rs.getLong("id"),
					new OutboundSms("sms-" + rs.getLong("id"), new Mobile(rs.getString("mobile")),
							rs.getString("body")),
					rs.getInt("failed_attempts"), SmsKind.valueOf(rs.getString("kind"))))
			.list());
	}

	@Override
	public void sent(SmsTask task, List<String> messageIds, Instant at) {
		Set<String> keys = new LinkedHashSet<>();
		messageIds.forEach((id) -> keys.addAll(MessageIdKeys.matchKeys(id)));
		this.tx.executeWithoutResult((status) -> {
			this.jdbc
				.sql("""
						update sms_outbox set state = 'SENT', sent_at = ?, message_ids = ?, message_keys = ?, last_error = null
						where id = ?""")
				.params(Timestamp.from(at), messageIds.toArray(String[]::new), keys.toArray(String[]::new), task.id())
				.update();
			record Waiting(long id, String messageId) {
			}
			List<Waiting> early = this.jdbc
				.sql("select id, message_id from sms_receipt where outbox_id is null and match_keys && ?::text[]")
				.param(keys.toArray(String[]::new))
				.query((rs, rowNum) -> new Waiting(rs.getLong(1), rs.getString(2)))
				.list();
			for (Waiting receipt : early) {
				if (messageIds.stream().anyMatch((id) -> MessageIdKeys.mayMatch(id, receipt.messageId()))) {
					this.jdbc.sql("update sms_receipt set outbox_id = ? where id = ?")
						.params(task.id(), receipt.id())
						.update();
				}
			}
			if (!early.isEmpty()) {
				updateDelivery(task.id());
			}
		});
	}

	@Override
	public void receipt(SmsReceipt receipt) {
		Set<String> keys = MessageIdKeys.matchKeys(receipt.messageId());
		this.tx.executeWithoutResult((status) -> {
			Optional<Long> outbox = match(keys);
			this.jdbc.sql("""
					insert into sms_receipt (message_id, match_keys, state, error_code, done_at, outbox_id)
					values (?, ?, ?, ?, ?, ?)""")
				.params(receipt.messageId(), keys.toArray(String[]::new), receipt.state().name(), receipt.errorCode(),
						(receipt.doneAt() != null) ? Timestamp.from(receipt.doneAt()) : null, outbox.orElse(null))
				.update();
			if (outbox.isPresent()) {
				updateDelivery(outbox.get());
			}
			else {
				log.info("Receipt for message {} ({}) kept until its send is recorded", receipt.messageId(),
						receipt.state());
			}
		});
	}

	/**
	 * The literal id first, then its numeric readings; a key naming several texts names
	 * none.
	 */
	private Optional<Long> match(Set<String> keys) {
		for (String key : keys) {
			List<Long> hits = this.jdbc.sql("select id from sms_outbox where message_keys @> array[?]::text[] limit 2")
				.param(key)
				.query(Long.class)
				.list();
			if (hits.size() == 1) {
				return Optional.of(hits.get(0));
			}
		}
		return Optional.empty();
	}

	/** A text is delivered when every part is; one part failing fails it. */
	private void updateDelivery(long outboxId) {
		this.jdbc.sql("""
				update sms_outbox o set
				  delivery_state = case
				    when exists (select 1 from sms_receipt r where r.outbox_id = o.id
				                 and r.state in ('UNDELIVERABLE', 'EXPIRED', 'REJECTED', 'DELETED')) then 'FAILED'
				    when (select count(distinct r.message_id) from sms_receipt r
				          where r.outbox_id = o.id and r.state = 'DELIVERED') >= coalesce(cardinality(o.message_ids), 1)
				      then 'DELIVERED'
				    else 'ENROUTE' end,
				  delivery_error = (select string_agg(r.state || coalesce(' err:' || r.error_code, ''), ', ')
				                    from sms_receipt r where r.outbox_id = o.id and r.state <> 'DELIVERED'),
				  delivered_at = (select max(r.done_at) from sms_receipt r where r.outbox_id = o.id)
				where o.id = ?""").param(outboxId).update();
	}

	@Override
	public void retryLater(SmsTask task, String reason, Instant nextAttemptAt) {
		OutboxSql.retryLater(this.jdbc, "sms_outbox", task.id(), reason, nextAttemptAt);
	}

	@Override
	public void failed(SmsTask task, String reason) {
		OutboxSql.deadLetter(this.jdbc, "sms_outbox", task.id(), reason);
	}

	@Override
	public void unconfirmed(SmsTask task, String reason, Instant nextAttemptAt) {
		if (nextAttemptAt == null) {
			this.jdbc.sql("""
					update sms_outbox set state = 'DEAD', failed_attempts = failed_attempts + 1,
					  unconfirmed_submits = unconfirmed_submits + 1, last_error = ?
					where id = ? and state = 'PENDING'""").params(reason, task.id()).update();
			return;
		}
		this.jdbc.sql("""
				update sms_outbox set failed_attempts = failed_attempts + 1,
				  unconfirmed_submits = unconfirmed_submits + 1, last_error = ?, next_attempt_at = ?
				where id = ? and state = 'PENDING'""")
			.params(reason, Timestamp.from(nextAttemptAt), task.id())
			.update();
	}

	@Override
	public void postpone(SmsTask task, String reason, Instant until) {
		this.jdbc.sql("update sms_outbox set last_error = ?, next_attempt_at = ? where id = ? and state = 'PENDING'")
			.params(reason, Timestamp.from(until), task.id())
			.update();
	}

	@Override
	public void suppressed(SmsTask task, String reason) {
		this.jdbc.sql("update sms_outbox set state = 'SUPPRESSED', last_error = ? where id = ? and state = 'PENDING'")
			.params(reason, task.id())
			.update();
	}

	@Override
	public int replayDeadLetters() {
		return OutboxSql.replayDead(this.jdbc, "sms_outbox");
	}

	@Override
	public OutboxCounts counts() {
		return OutboxSql.counts(this.jdbc, "sms_outbox");
	}

}
