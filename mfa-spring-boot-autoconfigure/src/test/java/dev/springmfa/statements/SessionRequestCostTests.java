package dev.springmfa.statements;

import org.junit.jupiter.api.Test;

import dev.springmfa.apps.AppClient;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each MFA endpoint, and an app endpoint behind the starter, costs the database in
 * session mode: the statements executed, the transactions ended (committed or rolled
 * back) and the connections taken from the pool, counted per request by
 * {@link DatabaseCalls} and compared with {@link RequestCost}. They are where a request's
 * time goes: under load a verify waits far longer on the database and for a pool
 * connection than it computes, each commit is a round trip, and each connection a wait
 * for the pool. Unlike timings, counts are the same on every machine, so a change that
 * adds one fails here, with the SQL of the request in the message; so does one that
 * removes one, until the table says so.
 */
@SpringBootTest(classes = CountedApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { AbstractRequestCostTests.PROPERTIES,
				"spring.datasource.url=jdbc:h2:mem:mfa-statements-session;DB_CLOSE_DELAY=-1" })
class SessionRequestCostTests extends AbstractRequestCostTests {

	@Test
	void loginWhenUserHasNoMfaThenCostsWhatTheTableSays() {
		assertCostOfPost(RequestCost.LOGIN_WITHOUT_MFA, new AppClient(this.port), "/api/auth/login",
				loginBody(newUser()), 200);
	}

	@Test
	void loginWhenUserHasMfaThenCostsWhatTheTableSays() {
		assertCostOfPost(RequestCost.LOGIN_WITH_MFA, new AppClient(this.port), "/api/auth/login",
				loginBody(enrolledUser().username()), 200);
	}

	@Test
	void verifyWhenRightCodeThenCostsWhatTheTableSays() {
		Enrolled user = enrolledUser();
		AppClient client = new AppClient(this.port);
		String token = ephemeralToken(client, user);
		assertCostOfPost(RequestCost.VERIFY_RIGHT_CODE, client, "/api/auth/mfa/verify",
				verifyBody(token, code(user.secret())), 200);
	}

	@Test
	void verifyWhenWrongCodeThenCostsWhatTheTableSays() {
		Enrolled user = enrolledUser();
		AppClient client = new AppClient(this.port);
		String token = ephemeralToken(client, user);
		assertCostOfPost(RequestCost.VERIFY_WRONG_CODE, client, "/api/auth/mfa/verify",
				verifyBody(token, wrongCode(user.secret())), 401);
	}

	@Test
	void verifyWhenCodeReplayedThenCostsWhatTheTableSays() {
		Enrolled user = enrolledUser();
		String code = code(user.secret());
		AppClient first = new AppClient(this.port);
		String firstToken = ephemeralToken(first, user);
		assertThat(first.postJson("/api/auth/mfa/verify", verifyBody(firstToken, code)).status()).isEqualTo(200);
		AppClient second = new AppClient(this.port);
		String secondToken = ephemeralToken(second, user);
		assertCostOfPost(RequestCost.VERIFY_REPLAYED_CODE, second, "/api/auth/mfa/verify",
				verifyBody(secondToken, code), 401);
	}

	@Test
	void verifyWhenRecoveryCodeThenCostsWhatTheTableSays() {
		Enrolled user = enrolledUser();
		AppClient client = new AppClient(this.port);
		String token = ephemeralToken(client, user);
		assertCostOfPost(RequestCost.VERIFY_RECOVERY_CODE, client, "/api/auth/mfa/verify",
				verifyBody(token, user.recoveryCodes().get(0)), 200);
	}

	@Test
	void stepUpWhenRightCodeThenCostsWhatTheTableSays() {
		Enrolled user = enrolledUser();
		AppClient client = loggedIn(user);
		assertCostOfPost(RequestCost.STEP_UP, client, "/api/auth/mfa/step-up", codeBody(code(user.secret())), 200);
	}

	@Test
	void statusWhenMfaOnThenCostsWhatTheTableSays() {
		assertCostOfGet(RequestCost.STATUS, loggedIn(enrolledUser()), "/api/auth/mfa/status");
	}

	@Test
	void recoveryCodesThenCostWhatTheTableSays() {
		assertCostOfGet(RequestCost.RECOVERY_CODES, loggedIn(enrolledUser()), "/api/auth/mfa/recovery-codes");
	}

	@Test
	void activationWhenBegunAndConfirmedThenEachCostsWhatTheTableSays() {
		AppClient client = loggedIn(newUser());
		AppClient.Response activation = assertCostOfGet(RequestCost.ACTIVATION_BEGIN, client,
				"/api/auth/mfa/totp/activate");
		String body = activationBody(activation.field("activationToken"), code(activation.field("secret")));
		assertCostOfPost(RequestCost.ACTIVATION_CONFIRM, client, "/api/auth/mfa/totp/activate", body, 200);
	}

	@Test
	void deactivateWhenRightCodeThenCostsWhatTheTableSays() {
		Enrolled user = enrolledUser();
		AppClient client = loggedIn(user);
		assertCostOfPost(RequestCost.DEACTIVATE, client, "/api/auth/mfa/totp/deactivate", codeBody(code(user.secret())),
				200);
	}

	@Test
	void regenerateWhenRightCodeThenCostsWhatTheTableSays() {
		Enrolled user = enrolledUser();
		AppClient client = loggedIn(user);
		assertCostOfPost(RequestCost.REGENERATE, client, "/api/auth/mfa/recovery-codes/regenerate",
				codeBody(code(user.secret())), 200);
	}

	@Test
	void loginWhenUsernameHasNulThenRefusedBeforeAnyQuery() {
		assertCostOfPost(RequestCost.LOGIN_REFUSED_INPUT, new AppClient(this.port), "/api/auth/login",
				loginBody(newUser() + "\\u0000"), 400);
	}

	@Test
	void verifyWhenCodeIsANumberThenRefusedBeforeAnyQuery() {
		Enrolled user = enrolledUser();
		AppClient client = new AppClient(this.port);
		String token = ephemeralToken(client, user);
		assertCostOfPost(RequestCost.VERIFY_REFUSED_INPUT, client, "/api/auth/mfa/verify",
				"{\"ephemeralToken\":\"" + token + "\",\"code\":" + Integer.parseInt(code(user.secret())) + "}", 400);
	}

	@Test
	void appEndpointWhenSessionHasBothFactorsThenCostsWhatTheTableSays() {
		assertCostOfGet(RequestCost.SESSION_CALL_WITH_MFA, loggedIn(enrolledUser()), "/api/me");
	}

	@Test
	void appEndpointWhenSessionUserHasNoMfaThenCostsWhatTheTableSays() {
		assertCostOfGet(RequestCost.SESSION_CALL_WITHOUT_MFA, loggedIn(newUser()), "/api/me");
	}

}
