package dev.springmfa.authentication;

import org.junit.jupiter.api.BeforeAll;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link AbstractAttemptBudgetTests} on PostgreSQL.
 */
class PostgresAttemptBudgetTests extends AbstractAttemptBudgetTests {

	private static final String SCHEMA = "mfa_attempt_budget";

	@BeforeAll
	static void recreateSchema() {
		TestDatabases.recreatePostgresSchema(SCHEMA);
	}

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabases.postgres(SCHEMA, registry);
	}

	@Override
	void installAttemptLog(JdbcTemplate jdbc) {
		jdbc.execute("create table if not exists mfa_attempt_log (seq bigserial primary key, user_id varchar(255), "
				+ "old_failed integer, new_failed integer, old_accepted bigint, new_accepted bigint)");
		jdbc.execute(
				"""
						create or replace function mfa_log_attempt() returns trigger language plpgsql as $$
						begin
						    insert into mfa_attempt_log (user_id, old_failed, new_failed, old_accepted, new_accepted)
						    values (new.user_id, old.failed_attempts, new.failed_attempts, old.accepted_codes, new.accepted_codes);
						    return new;
						end
						$$""");
		jdbc.execute("drop trigger if exists mfa_attempt_log on mfa_authenticator");
		jdbc.execute("create trigger mfa_attempt_log after update on mfa_authenticator for each row "
				+ "execute function mfa_log_attempt()");
	}

}
