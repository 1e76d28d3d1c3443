package org.gridintake.adapters.postgres;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import org.gridintake.adapters.testing.TestServers;
import org.gridintake.routes.casedraft.CaseStore;
import org.gridintake.routes.forward.ForwardQueue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The case store and forward queue against a real server, in a freshly migrated database
 * each test class gets to itself; each test starts with nothing left to forward.
 */
abstract class PostgresStoreTest {

	static HikariDataSource dataSource;

	static PostgresAdapters postgres;

	static JdbcClient jdbc;

	CaseStore cases;

	ForwardQueue forwards;

	@BeforeAll
	static void database() {
		dataSource = TestServers.postgres().migratedDatabase("adapters_postgres_store");
		postgres = PostgresAdapters.over(dataSource);
		jdbc = JdbcClient.create(dataSource);
	}

	@AfterAll
	static void close() {
		dataSource.close();
	}

	@BeforeEach
	void nothingLeftToForward() {
		jdbc.sql("update forward_outbox set state = 'DONE' where state <> 'DONE'").update();
		this.cases = postgres.caseStore();
		this.forwards = postgres.forwardQueue();
	}

}
