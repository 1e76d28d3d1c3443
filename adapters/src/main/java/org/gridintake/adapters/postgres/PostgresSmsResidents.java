package org.gridintake.adapters.postgres;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.casedraft.Mobile;
import org.gridintake.routes.sms.SmsResidents;
import org.springframework.jdbc.core.simple.JdbcClient;

class PostgresSmsResidents implements SmsResidents {

	private final JdbcClient jdbc;

	PostgresSmsResidents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public boolean isOptedOut(Mobile mobile) {
		return this.jdbc.sql("select exists (select 1 from sms_opt_out where mobile = ?)")
			.param(mobile.digits())
			.query(Boolean.class)
			.single();
	}

	@Override
	public boolean optOut(Mobile mobile, Instant at) {
		return this.jdbc.sql("insert into sms_opt_out (mobile, since) values (?, ?) on conflict (mobile) do nothing")
			.params(mobile.digits(), Timestamp.from(at))
			.update() == 1;
	}

	@Override
	public boolean optIn(Mobile mobile) {
		return this.jdbc.sql("delete from sms_opt_out where mobile = ?").param(mobile.digits()).update() == 1;
	}

	@Override
	public void expect(Mobile mobile, Expectation.Kind kind, CaseNumber caseNumber, Instant until) {
		this.jdbc.sql("""
				insert into sms_expectation (mobile, kind, case_number, until) values (?, ?, ?, ?)
				on conflict (mobile) do update set kind = excluded.kind, case_number = excluded.case_number,
				                                   until = excluded.until""")
			.params(mobile.digits(), kind.name(), caseNumber.value(), Timestamp.from(until))
			.update();
	}

	@Override
	public Optional<Expectation> expectation(Mobile mobile, Instant now) {
		return this.jdbc.sql("select kind, case_number from sms_expectation where mobile = ? and until > ?")
			.params(mobile.digits(), Timestamp.from(now))
			.query((rs, rowNum) -> new Expectation(Expectation.Kind.valueOf(rs.getString("kind")),
					new CaseNumber(rs.getString("case_number"))))
			.optional();
	}

	@Override
	public void clearExpectation(Mobile mobile) {
		this.jdbc.sql("delete from sms_expectation where mobile = ?").param(mobile.digits()).update();
	}

	@Override
	public boolean firstFloodNoticeOn(Mobile mobile, LocalDate day) {
		return this.jdbc.sql("insert into sms_flood_notice (mobile, day) values (?, ?) on conflict do nothing")
			.params(mobile.digits(), day)
			.update() == 1;
	}

	@Override
	public void recordRating(CaseNumber caseNumber, Mobile mobile, int score, Instant at) {
		this.jdbc.sql("insert into case_rating (case_number, mobile, score, at) values (?, ?, ?, ?)")
			.params(caseNumber.value(), mobile.digits(), score, Timestamp.from(at))
			.update();
	}

}
