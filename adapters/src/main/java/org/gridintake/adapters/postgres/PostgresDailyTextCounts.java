package org.gridintake.adapters.postgres;

import java.time.LocalDate;

import org.gridintake.routes.casedraft.Mobile;
import org.gridintake.routes.notify.DailyTextCounts;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One row per number and day; the reservation is a single upsert, so two instances
 * sending to one number at once cannot both take the last text of the day.
 */
class PostgresDailyTextCounts implements DailyTextCounts {

	private final JdbcClient jdbc;

	PostgresDailyTextCounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public boolean reserve(Mobile to, LocalDate day, int max) {
		return this.jdbc.sql("""
				insert into sms_daily_count (mobile, day, texts) values (?, ?, 1)
				on conflict (mobile, day) do update set texts = sms_daily_count.texts + 1
				where sms_daily_count.texts < ?""").params(to.digits(), day, max).update() == 1;
	}

	@Override
	public void release(Mobile to, LocalDate day) {
		this.jdbc.sql("update sms_daily_count set texts = texts - 1 where mobile = ? and day = ? and texts > 0")
			.params(to.digits(), day)
			.update();
	}

}
