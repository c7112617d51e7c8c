package dev.springmfa.authentication;

import org.junit.jupiter.api.BeforeAll;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link AbstractAttemptBudgetTests} on MariaDB.
 */
class MariaDbAttemptBudgetTests extends AbstractAttemptBudgetTests {

	private static final String DATABASE = "mfa_attempt_budget";

	@BeforeAll
	static void recreateDatabase() {
		TestDatabases.recreateMariaDbDatabase(DATABASE);
	}

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabases.mariaDb(DATABASE, registry);
	}

	@Override
	void installAttemptLog(JdbcTemplate jdbc) {
		jdbc.execute("create table if not exists mfa_attempt_log (seq bigint auto_increment primary key, "
				+ "user_id varchar(255), old_failed integer, new_failed integer, old_accepted bigint, "
				+ "new_accepted bigint) engine = InnoDB");
		jdbc.execute("drop trigger if exists mfa_attempt_log");
		jdbc.execute("create trigger mfa_attempt_log after update on mfa_authenticator for each row "
				+ "insert into mfa_attempt_log (user_id, old_failed, new_failed, old_accepted, new_accepted) "
				+ "values (new.user_id, old.failed_attempts, new.failed_attempts, old.accepted_codes, "
				+ "new.accepted_codes)");
	}

}
