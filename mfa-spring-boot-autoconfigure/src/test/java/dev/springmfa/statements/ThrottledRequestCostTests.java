package dev.springmfa.statements;

import org.junit.jupiter.api.Test;

import dev.springmfa.apps.AppClient;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * What the password step costs the database with the login throttle on, counted per
 * request against {@link RequestCost}: each attempt is reserved in a transaction of its
 * own before the password is checked, and a right password releases it in another. With
 * the throttle off, as by default, the login costs what {@link SessionRequestCostTests}
 * counts.
 */
@SpringBootTest(classes = CountedApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { AbstractRequestCostTests.PROPERTIES, "mfa.login.throttle.enabled=true",
				"mfa.login.throttle.max-attempts-per-account=" + ThrottledRequestCostTests.PER_ACCOUNT,
				"spring.datasource.url=jdbc:h2:mem:mfa-statements-throttled;DB_CLOSE_DELAY=-1" })
class ThrottledRequestCostTests extends AbstractRequestCostTests {

	static final int PER_ACCOUNT = 3;

	@Test
	void loginWhenUserHasNoMfaThenCostsWhatTheTableSays() {
		assertCostOfPost(RequestCost.THROTTLED_LOGIN_WITHOUT_MFA, new AppClient(this.port), "/api/auth/login",
				loginBody(newUser()), 200);
	}

	@Test
	void loginWhenPasswordWrongThenCostsWhatTheTableSays() {
		assertCostOfPost(RequestCost.THROTTLED_LOGIN_WRONG_PASSWORD, new AppClient(this.port), "/api/auth/login",
				wrongPasswordBody(newUser()), 401);
	}

	@Test
	void loginWhenAccountIsThrottledThenCostsWhatTheTableSays() {
		String username = newUser();
		for (int i = 0; i < PER_ACCOUNT; i++) {
			new AppClient(this.port).postJson("/api/auth/login", wrongPasswordBody(username));
		}
		assertCostOfPost(RequestCost.THROTTLED_LOGIN_REFUSED, new AppClient(this.port), "/api/auth/login",
				loginBody(username), 429);
	}

	private static String wrongPasswordBody(String username) {
		return "{\"username\":\"" + username + "\",\"password\":\"wrong\"}";
	}

}
