package dev.springmfa.statements;

import org.junit.jupiter.api.Test;

import dev.springmfa.apps.AppClient;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the requests that read recovery codes cost the database with
 * {@code mfa.recovery-codes.storage=hashed}, counted against {@link RequestCost}: as many
 * statements as with encrypted codes, but a verify reads the one row that the code's id
 * names instead of every unused code, and the list counts the codes without reading them.
 */
@SpringBootTest(classes = CountedApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { AbstractRequestCostTests.PROPERTIES, "mfa.recovery-codes.storage=hashed",
				"spring.datasource.url=jdbc:h2:mem:mfa-statements-hashed;DB_CLOSE_DELAY=-1" })
class HashedRecoveryCodesRequestCostTests extends AbstractRequestCostTests {

	@Test
	void verifyWhenHashedRecoveryCodeThenReadsTheOneRowItsIdNames() {
		Enrolled user = enrolledUser();
		AppClient client = new AppClient(this.port);
		String token = ephemeralToken(client, user);
		assertCostOfPost(RequestCost.HASHED_VERIFY_RECOVERY_CODE, client, "/api/auth/mfa/verify",
				verifyBody(token, user.recoveryCodes().get(0)), 200);
		assertThat(this.database.usage().calls()).filteredOn((call) -> call.contains("from mfa_recovery_code"))
			.singleElement()
			.satisfies((call) -> assertThat(call).contains("code_id=?").contains("authenticator_id=?"));
	}

	@Test
	void recoveryCodesWhenHashedThenCountedWithoutBeingRead() {
		assertCostOfGet(RequestCost.HASHED_RECOVERY_CODES, loggedIn(enrolledUser()), "/api/auth/mfa/recovery-codes");
		assertThat(this.database.usage().calls()).filteredOn((call) -> call.contains("from mfa_recovery_code"))
			.singleElement()
			.satisfies((call) -> assertThat(call).contains("count("));
	}

}
