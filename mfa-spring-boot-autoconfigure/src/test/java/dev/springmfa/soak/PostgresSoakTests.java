package dev.springmfa.soak;

import java.util.Map;

import dev.springmfa.apps.AppDatabases;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link AbstractSoakTests} on PostgreSQL.
 */
class PostgresSoakTests extends AbstractSoakTests {

	@Override
	Map<String, String> recreateDatabase() {
		return AppDatabases.postgres(DATABASE);
	}

	@Override
	long deadlocks(JdbcTemplate jdbc) {
		Long deadlocks = jdbc
			.queryForObject("select deadlocks from pg_stat_database where datname = current_database()", Long.class);
		return (deadlocks != null) ? deadlocks : 0;
	}

	// Written by the database in the transaction of each change, so that a change rolled
	// back leaves no line, and in the order of the row locks.
	@Override
	void installLogs(JdbcTemplate jdbc) {
		jdbc.execute("create table soak_authenticator_log (seq bigserial primary key, op char(1), "
				+ "authenticator_id bigint, user_id varchar(255), old_failed integer, new_failed integer, "
				+ "old_accepted bigint, new_accepted bigint, old_step bigint, new_step bigint)");
		jdbc.execute(
				"""
						create function soak_log_authenticator() returns trigger language plpgsql as $$
						begin
						    if tg_op = 'INSERT' then
						        insert into soak_authenticator_log (op, authenticator_id, user_id, new_failed, new_accepted, new_step)
						        values ('I', new.id, new.user_id, new.failed_attempts, new.accepted_codes, new.last_used_step);
						    elsif tg_op = 'UPDATE' then
						        insert into soak_authenticator_log (op, authenticator_id, user_id, old_failed, new_failed,
						            old_accepted, new_accepted, old_step, new_step)
						        values ('U', new.id, new.user_id, old.failed_attempts, new.failed_attempts, old.accepted_codes,
						            new.accepted_codes, old.last_used_step, new.last_used_step);
						    else
						        insert into soak_authenticator_log (op, authenticator_id, user_id, old_failed, old_accepted, old_step)
						        values ('D', old.id, old.user_id, old.failed_attempts, old.accepted_codes, old.last_used_step);
						    end if;
						    return null;
						end
						$$""");
		jdbc.execute("create trigger soak_log_authenticator after insert or update or delete on mfa_authenticator "
				+ "for each row execute function soak_log_authenticator()");
		jdbc.execute("create table soak_recovery_code_log (seq bigserial primary key, code_id bigint, "
				+ "old_used_at timestamp with time zone, new_used_at timestamp with time zone)");
		jdbc.execute("""
				create function soak_log_recovery_code() returns trigger language plpgsql as $$
				begin
				    insert into soak_recovery_code_log (code_id, old_used_at, new_used_at)
				    values (new.id, old.used_at, new.used_at);
				    return null;
				end
				$$""");
		jdbc.execute("create trigger soak_log_recovery_code after update on mfa_recovery_code "
				+ "for each row execute function soak_log_recovery_code()");
	}

}
