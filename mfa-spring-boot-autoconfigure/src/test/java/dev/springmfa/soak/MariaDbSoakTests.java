package dev.springmfa.soak;

import java.util.Map;

import dev.springmfa.apps.AppDatabases;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link AbstractSoakTests} on MariaDB, whose InnoDB locks gaps of the indexes that a
 * statement scans, and so picks deadlock victims where PostgreSQL has none to pick.
 */
class MariaDbSoakTests extends AbstractSoakTests {

	@Override
	Map<String, String> recreateDatabase() {
		return AppDatabases.mariaDb(DATABASE);
	}

	@Override
	long deadlocks(JdbcTemplate jdbc) {
		return jdbc.query("show global status like 'Innodb_deadlocks'", (rows) -> rows.next() ? rows.getLong(2) : 0L);
	}

	// Written by the database in the transaction of each change, so that a change rolled
	// back leaves no line, and in the order of the row locks. A MariaDB trigger takes one
	// kind of change.
	@Override
	void installLogs(JdbcTemplate jdbc) {
		jdbc.execute("create table soak_authenticator_log (seq bigint auto_increment primary key, op char(1), "
				+ "authenticator_id bigint, user_id varchar(255), old_failed integer, new_failed integer, "
				+ "old_accepted bigint, new_accepted bigint, old_step bigint, new_step bigint) engine = InnoDB");
		jdbc.execute("""
				create trigger soak_log_authenticator_insert after insert on mfa_authenticator for each row
				insert into soak_authenticator_log (op, authenticator_id, user_id, new_failed, new_accepted, new_step)
				values ('I', new.id, new.user_id, new.failed_attempts, new.accepted_codes, new.last_used_step)""");
		jdbc.execute("""
				create trigger soak_log_authenticator_update after update on mfa_authenticator for each row
				insert into soak_authenticator_log (op, authenticator_id, user_id, old_failed, new_failed,
				    old_accepted, new_accepted, old_step, new_step)
				values ('U', new.id, new.user_id, old.failed_attempts, new.failed_attempts, old.accepted_codes,
				    new.accepted_codes, old.last_used_step, new.last_used_step)""");
		jdbc.execute("""
				create trigger soak_log_authenticator_delete after delete on mfa_authenticator for each row
				insert into soak_authenticator_log (op, authenticator_id, user_id, old_failed, old_accepted, old_step)
				values ('D', old.id, old.user_id, old.failed_attempts, old.accepted_codes, old.last_used_step)""");
		jdbc.execute("create table soak_recovery_code_log (seq bigint auto_increment primary key, code_id bigint, "
				+ "old_used_at datetime(6), new_used_at datetime(6)) engine = InnoDB");
		jdbc.execute("""
				create trigger soak_log_recovery_code after update on mfa_recovery_code for each row
				insert into soak_recovery_code_log (code_id, old_used_at, new_used_at)
				values (new.id, old.used_at, new.used_at)""");
	}

}
