package org.gridintake.adapters.postgres;

import java.util.function.Function;

import javax.sql.DataSource;

import org.gridintake.routes.casedraft.CaseStore;
import org.gridintake.routes.figures.CityFigures;
import org.gridintake.routes.forward.ForwardQueue;
import org.gridintake.routes.notify.SmsQueue;
import org.gridintake.routes.sla.ServiceLevels;
import org.gridintake.routes.sms.SmsInbox;
import org.gridintake.routes.sms.SmsResidents;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The PostgreSQL side of the ports. The schema is migrated by Flyway from
 * {@code classpath:db/migration}.
 */
public final class PostgresAdapters {

	private final PostgresCaseStore caseStore;

	private final PostgresForwardQueue forwardQueue;

	private final PostgresSmsQueue smsQueue;

	private final PostgresSmsInbox smsInbox;

	private final PostgresSmsResidents smsResidents;

	private final PostgresMergeRecords mergeRecords;

	private final JdbcClient jdbc;

	private final PostgresDailyTextCounts dailyTextCounts;

	private final PostgresStatusPolls statusPolls;

	private final PostgresCaseRouting caseRouting;

	private PostgresAdapters(DataSource dataSource) {
		JdbcClient jdbc = JdbcClient.create(dataSource);
		this.jdbc = jdbc;
		TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.caseStore = new PostgresCaseStore(jdbc, tx);
		this.forwardQueue = new PostgresForwardQueue(jdbc, tx, this.caseStore);
		this.smsQueue = new PostgresSmsQueue(jdbc, tx);
		this.smsInbox = new PostgresSmsInbox(jdbc, tx);
		this.smsResidents = new PostgresSmsResidents(jdbc);
		this.mergeRecords = new PostgresMergeRecords(jdbc, tx, this.caseStore);
		this.dailyTextCounts = new PostgresDailyTextCounts(jdbc);
		this.statusPolls = new PostgresStatusPolls(jdbc);
		this.caseRouting = new PostgresCaseRouting(jdbc, tx, this.caseStore);
	}

	public org.gridintake.routes.routing.CaseRoutingStore caseRouting() {
		return this.caseRouting;
	}

	public static PostgresAdapters over(DataSource dataSource) {
		return new PostgresAdapters(dataSource);
	}

	public org.gridintake.routes.dedup.MergeRecords mergeRecords() {
		return this.mergeRecords;
	}

	/**
	 * The city's figures; deadlines not stored on a case come from {@code serviceLevels}.
	 * @param platformNames platform id → the name shown in the figures
	 */
	public CityFigures cityFigures(ServiceLevels serviceLevels, Function<String, String> platformNames) {
		return new PostgresCityFigures(this.jdbc, serviceLevels, platformNames);
	}

	public CaseStore caseStore() {
		return this.caseStore;
	}

	public ForwardQueue forwardQueue() {
		return this.forwardQueue;
	}

	public SmsQueue smsQueue() {
		return this.smsQueue;
	}

	public SmsInbox smsInbox() {
		return this.smsInbox;
	}

	public SmsResidents smsResidents() {
		return this.smsResidents;
	}

	public org.gridintake.routes.notify.DailyTextCounts dailyTextCounts() {
		return this.dailyTextCounts;
	}

	public org.gridintake.routes.status.StatusPollQueue statusPolls() {
		return this.statusPolls;
	}

}
