package dev.springmfa.statements;

import org.junit.jupiter.api.Test;

import dev.springmfa.apps.AppClient;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * What the requests of jwt mode cost the database, counted per request against
 * {@link RequestCost}: a completed login issues a refresh token, a refresh spends one,
 * and a bearer call keeps no session.
 */
@SpringBootTest(classes = CountedApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { AbstractRequestCostTests.PROPERTIES, "mfa.login.mode=jwt",
				"spring.datasource.url=jdbc:h2:mem:mfa-statements-jwt;DB_CLOSE_DELAY=-1" })
class JwtRequestCostTests extends AbstractRequestCostTests {

	@Test
	void loginWhenUserHasNoMfaThenCostsWhatTheTableSays() {
		assertCostOfPost(RequestCost.JWT_LOGIN_WITHOUT_MFA, new AppClient(this.port), "/api/auth/login",
				loginBody(newUser()), 200);
	}

	@Test
	void verifyWhenRightCodeThenCostsWhatTheTableSays() {
		Enrolled user = enrolledUser();
		AppClient client = new AppClient(this.port);
		String token = ephemeralToken(client, user);
		assertCostOfPost(RequestCost.JWT_VERIFY_RIGHT_CODE, client, "/api/auth/mfa/verify",
				verifyBody(token, code(user.secret())), 200);
	}

	@Test
	void stepUpWhenRightCodeThenCostsWhatTheTableSays() {
		Enrolled user = enrolledUser();
		AppClient client = loggedIn(user);
		assertCostOfPost(RequestCost.JWT_STEP_UP, client, "/api/auth/mfa/step-up", codeBody(code(user.secret())), 200);
	}

	@Test
	void refreshThenCostsWhatTheTableSays() {
		AppClient client = new AppClient(this.port);
		AppClient.Response login = logIn(client, newUser());
		assertCostOfPost(RequestCost.REFRESH, client, "/api/auth/token/refresh",
				"{\"refreshToken\":\"" + login.field("refreshToken") + "\"}", 200);
	}

	@Test
	void appEndpointWhenBearerHasBothFactorsThenCostsWhatTheTableSays() {
		assertCostOfGet(RequestCost.BEARER_CALL_WITH_MFA, loggedIn(enrolledUser()), "/api/me");
	}

	@Test
	void appEndpointWhenBearerUserHasNoMfaThenCostsWhatTheTableSays() {
		assertCostOfGet(RequestCost.BEARER_CALL_WITHOUT_MFA, loggedIn(newUser()), "/api/me");
	}

}
