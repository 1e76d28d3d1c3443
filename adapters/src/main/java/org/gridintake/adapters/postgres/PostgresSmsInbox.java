package org.gridintake.adapters.postgres;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gridintake.routes.casedraft.Mobile;
import org.gridintake.routes.sms.InboxMessage;
import org.gridintake.routes.sms.MoPart;
import org.gridintake.routes.sms.SmsInbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SMS inbox. Every store takes a transaction-scoped advisory lock on the sender, so
 * parts of one message arriving at once over different links are joined exactly once.
 */
class PostgresSmsInbox implements SmsInbox {

	private static final Logger log = LoggerFactory.getLogger(PostgresSmsInbox.class);

	/** Attempts at acting on a message before it is set aside for an operator. */
	private static final int MAX_ATTEMPTS = 10;

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	PostgresSmsInbox(JdbcClient jdbc, TransactionTemplate tx) {
		this.jdbc = jdbc;
		this.tx = tx;
	}

	@Override
	public boolean store(MoPart part, Duration redeliveryWindow) {
		return Boolean.TRUE.equals(this.tx.execute((status) -> {
			lockSender(part.sender(), part.shortCode());
			MoPart.Concatenation concat = part.concatenation();
			Timestamp since = Timestamp.from(part.receivedAt().minus(redeliveryWindow));
			// a redelivery repeats the same part with the same text; a new message may
			// reuse a reference
			boolean seen = this.jdbc.sql("""
					select exists (select 1 from sms_mo_part
					               where sender = ? and short_code = ? and concat_ref is not distinct from ?
					                 and concat_total = ? and concat_seq = ? and text = ? and received_at >= ?)""")
				.params(part.sender(), part.shortCode(), (concat != null) ? concat.reference() : null,
						(concat != null) ? concat.total() : 1, (concat != null) ? concat.sequence() : 1, part.text(),
						since)
				.query(Boolean.class)
				.single();
			if (seen) {
				return false;
			}
			long partId = this.jdbc.sql("""
					insert into sms_mo_part (sender, short_code, concat_ref, concat_total, concat_seq, text, raw, link,
					                         received_at)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
				.params(part.sender(), part.shortCode(), (concat != null) ? concat.reference() : null,
						(concat != null) ? concat.total() : 1, (concat != null) ? concat.sequence() : 1, part.text(),
						part.raw(), part.link(), Timestamp.from(part.receivedAt()))
				.query(Long.class)
				.single();
			if (concat == null) {
				long messageId = insertMessage(part.sender(), part.shortCode(), part.text(), false, 1, 1,
						part.receivedAt());
				this.jdbc.sql("update sms_mo_part set message_id = ? where id = ?").params(messageId, partId).update();
			}
			else {
				joinIfComplete(part.sender(), part.shortCode(), concat.reference(), concat.total(), false);
			}
			return true;
		}));
	}

	@Override
	public int assembleOverdue(Duration partsTimeout) {
		record Group(String sender, String shortCode, int reference, int total) {
		}
		List<Group> overdue = this.jdbc.sql("""
				select sender, short_code, concat_ref, concat_total from sms_mo_part
				where message_id is null and concat_ref is not null
				group by sender, short_code, concat_ref, concat_total
				having min(received_at) < now() - make_interval(secs => ?)""")
			.param(partsTimeout.toMillis() / 1000.0)
			.query((rs, rowNum) -> new Group(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4)))
			.list();
		int joined = 0;
		for (Group group : overdue) {
			Boolean done = this.tx.execute((status) -> {
				lockSender(group.sender(), group.shortCode());
				return joinIfComplete(group.sender(), group.shortCode(), group.reference(), group.total(), true);
			});
			joined += Boolean.TRUE.equals(done) ? 1 : 0;
		}
		return joined;
	}

	/** Joins the open parts of one message; a partial join takes whatever arrived. */
	private boolean joinIfComplete(String sender, String shortCode, int reference, int total, boolean partial) {
		record Part(long id, int sequence, String text, Instant receivedAt) {
		}
		List<Part> parts = this.jdbc.sql("""
				select id, concat_seq, text, received_at from sms_mo_part
				where message_id is null and sender = ? and short_code = ? and concat_ref = ? and concat_total = ?
				order by concat_seq, id""")
			.params(sender, shortCode, reference, total)
			.query((rs, rowNum) -> new Part(rs.getLong(1), rs.getInt(2), rs.getString(3),
					CaseRows.instant(rs, "received_at")))
			.list();
		Map<Integer, Part> bySequence = new LinkedHashMap<>();
		parts.forEach((part) -> bySequence.putIfAbsent(part.sequence(), part));
		if (parts.isEmpty() || (!partial && bySequence.size() < total)) {
			return false;
		}
		StringBuilder text = new StringBuilder();
		bySequence.values().forEach((part) -> text.append(part.text()));
		Instant first = parts.stream().map(Part::receivedAt).min(Instant::compareTo).orElseThrow();
		boolean incomplete = bySequence.size() < total;
		long messageId = insertMessage(sender, shortCode, text.toString(), incomplete, total, bySequence.size(), first);
		List<Long> ids = new ArrayList<>();
		parts.forEach((part) -> ids.add(part.id()));
		this.jdbc.sql("update sms_mo_part set message_id = :message where id in (:ids)")
			.param("message", messageId)
			.param("ids", ids)
			.update();
		if (incomplete) {
			log.warn("Long message {} from {}: {} of {} parts arrived; filed as partial", messageId,
					Mobile.mask(sender), bySequence.size(), total);
		}
		return true;
	}

	private long insertMessage(String sender, String shortCode, String text, boolean partial, int expected,
			int received, Instant receivedAt) {
		return this.jdbc
			.sql("""
					insert into sms_mo_message (sender, short_code, text, partial, parts_expected, parts_received, received_at)
					values (?, ?, ?, ?, ?, ?, ?) returning id""")
			.params(sender, shortCode, text, partial, expected, received, Timestamp.from(receivedAt))
			.query(Long.class)
			.single();
	}

	private void lockSender(String sender, String shortCode) {
		this.jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))")
			.param("sms:" + sender + "|" + shortCode)
			.query((rs, rowNum) -> 1)
			.list();
	}

	@Override
	public List<InboxMessage> claimReady(int max, Duration lease) {
		record Claimed(InboxMessage message, String state) {
		}
		List<Claimed> claimed = this.tx.execute((status) -> this.jdbc
			.sql("""
					update sms_mo_message
					set next_attempt_at = now() + make_interval(secs => ?), attempts = attempts + 1,
					    state = case when attempts + 1 > ? then 'DEAD' else state end,
					    last_error = case when attempts + 1 > ? then coalesce(last_error, '') || ' (gave up)' else last_error end
					where id in (select id from sms_mo_message
					             where state = 'PENDING' and next_attempt_at <= now()
					             order by id limit ? for update skip locked)
					returning id, sender, short_code, text, partial, received_at, state""")
			.params(lease.toMillis() / 1000.0, MAX_ATTEMPTS, MAX_ATTEMPTS, max)
			.query((rs, rowNum) -> new Claimed(
					new InboxMessage(rs.getLong("id"), rs.getString("sender"), rs.getString("short_code"),
							rs.getString("text"), rs.getBoolean("partial"), CaseRows.instant(rs, "received_at")),
					rs.getString("state")))
			.list());
		List<InboxMessage> ready = new ArrayList<>();
		for (Claimed item : claimed) {
			if ("DEAD".equals(item.state())) {
				log.error("SMS message {} could not be acted on after {} attempts; set aside", item.message().id(),
						MAX_ATTEMPTS);
			}
			else {
				ready.add(item.message());
			}
		}
		ready.sort(java.util.Comparator.comparingLong(InboxMessage::id));
		return ready;
	}

	@Override
	public void processed(long messageId, String outcome, String caseNumber) {
		this.jdbc
			.sql("""
					update sms_mo_message set state = 'DONE', outcome = ?, case_number = ?, processed_at = now(), last_error = null
					where id = ?""")
			.params(outcome, caseNumber, messageId)
			.update();
	}

	@Override
	public void retryLater(long messageId, String error, Instant nextAttemptAt) {
		this.jdbc
			.sql("update sms_mo_message set last_error = ?, next_attempt_at = ? where id = ? and state = 'PENDING'")
			.params(error, Timestamp.from(nextAttemptAt), messageId)
			.update();
	}

	@Override
	public List<StoredMessage> messagesFrom(String sender, Instant since) {
		return this.jdbc.sql("""
				select received_at, text, state, outcome, case_number from sms_mo_message
				where sender = ? and received_at >= ? order by received_at, id""")
			.params(sender, Timestamp.from(since))
			.query((rs, row) -> new StoredMessage(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
					rs.getString(4), rs.getString(5)))
			.list();
	}

	@Override
	public int reportsSince(String sender, Instant since) {
		return this.jdbc
			.sql("select count(*) from sms_mo_message where sender = ? and outcome = 'REPORT' and received_at >= ?")
			.params(sender, Timestamp.from(since))
			.query(Integer.class)
			.single();
	}

}
