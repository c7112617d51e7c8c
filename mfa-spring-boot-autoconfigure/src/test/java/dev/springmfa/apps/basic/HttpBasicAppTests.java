package dev.springmfa.apps.basic;

import java.util.List;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import dev.springmfa.apps.AbstractExistingAppTests;
import dev.springmfa.apps.AppClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter in an app that logs its users in with HTTP Basic.
 */
@SpringBootTest(classes = HttpBasicApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { AbstractExistingAppTests.MFA_ON, "spring.jpa.properties.hibernate.generate_statistics=true" })
class HttpBasicAppTests extends AbstractExistingAppTests {

	@Override
	protected Class<?> application() {
		return HttpBasicApp.class;
	}

	@Override
	protected List<PasswordLogin> passwordLogins() {
		return List.of(PasswordLogin.httpBasic());
	}

	@Test
	void activatingTotpEndsTheOtherSessionsOfTheUserAndUpgradesItsOwn() {
		String username = newUser("USER");
		AppClient other = new AppClient(this.port);
		assertThat(other.postJson("/api/auth/login", credentials(username)).status()).isEqualTo(200);
		assertThat(other.get("/api/data").status()).isEqualTo(200);
		Enrolment enrolment = enrol(username);
		assertThat(other.get("/api/data").status()).isEqualTo(401);
		assertThat(other.get("/api/auth/mfa/recovery-codes").status()).isEqualTo(401);
		assertThat(factors(enrolment.client().get("/api/me"))).containsExactly("FACTOR_PASSWORD", "FACTOR_TOTP");
		assertThat(enrolment.client().get("/api/data").status()).isEqualTo(200);
		assertThat(enrolment.client().get("/api/auth/mfa/recovery-codes").status()).isEqualTo(200);
	}

	@Test
	void unauthenticatedCallKeepsTheAppsBasicChallenge() {
		AppClient.Response anonymous = new AppClient(this.port).get("/api/data");
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");
	}

	@Test
	void appsOwnRoleRefusalStaysTheApps() {
		String username = newUser("USER");
		AppClient.Response refused = new AppClient(this.port).basic(username, PASSWORD).get("/api/admin/data");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.contentType()).doesNotStartWith("application/problem+json");
	}

	@Test
	void httpBasicCallerOfEnrolledUserCompletesWithStepUp() {
		String username = newUser("USER");
		Enrolment enrolment = enrol(username);
		AppClient client = new AppClient(this.port).basic(username, PASSWORD);
		assertMfaRequired(client.get("/api/data"), "HTTP Basic");
		AppClient.Response stepUp = client.postJson("/api/auth/mfa/step-up", "{\"code\":\"" + code(enrolment) + "\"}");
		assertThat(stepUp.status()).as(stepUp.toString()).isEqualTo(200);
		assertThat(client.get("/api/data").status()).isEqualTo(200);
		assertThat(factors(client.get("/api/me"))).containsExactly("FACTOR_PASSWORD", "FACTOR_TOTP");
	}

	private static final int REQUESTS = 5;

	@Autowired
	EntityManagerFactory entityManagerFactory;

	@Test
	void jsonLoginOfUserWithoutMfaCostsNoQueryPerRequest() {
		String username = newUser("USER");
		AppClient client = new AppClient(this.port);
		assertThat(client.postJson("/api/auth/login", credentials(username)).status()).isEqualTo(200);
		assertThat(queriesOf(client)).isZero();
	}

	@Test
	void completeLoginOfEnrolledUserCostsNoQueryPerRequest() {
		Enrolment enrolment = enrol(newUser("USER"));
		assertThat(queriesOf(enrolment.client())).isZero();
	}

	@Test
	void httpBasicLoginCostsOneLookupPerRequest() {
		AppClient client = new AppClient(this.port).basic(newUser("USER"), PASSWORD);
		assertThat(queriesOf(client)).isEqualTo(REQUESTS);
	}

	// What telling whether a login must have the second factor costs, counted in
	// Hibernate's statements: nothing for a login through the starter, which says so
	// itself, and one lookup per request for any other login, however many rules ask.
	// Each GET meets both the rule from the app-wide factory and the request
	// post-processor: the answer is looked up once and kept for the request.
	private long queriesOf(AppClient client) {
		Statistics statistics = this.entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
		long before = statistics.getPrepareStatementCount();
		for (int request = 0; request < REQUESTS; request++) {
			assertThat(client.get("/api/data").status()).isEqualTo(200);
		}
		return statistics.getPrepareStatementCount() - before;
	}

}
