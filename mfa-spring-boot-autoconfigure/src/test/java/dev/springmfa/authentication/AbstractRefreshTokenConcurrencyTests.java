package dev.springmfa.authentication;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.springmfa.InvalidMfaTokenException;
import dev.springmfa.MfaErrorCode;
import dev.springmfa.audit.MfaAuditEventType;
import dev.springmfa.authentication.Race.Result;
import dev.springmfa.jwt.JwtLoginService;
import dev.springmfa.jwt.TokenPair;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refresh-token rotation under real concurrency, on two application instances that share
 * one database: a token is spent once, reuse revokes the family, and a revocation leaves
 * no token behind even while refreshes run.
 */
@TestPropertySource(properties = "mfa.login.mode=jwt")
abstract class AbstractRefreshTokenConcurrencyTests extends AbstractMfaDatabaseTests {

	private static final int THREADS = 16;

	@Autowired
	JwtLoginService instanceOne;

	private ConfigurableApplicationContext otherInstance;

	private JwtLoginService instanceTwo;

	private String username;

	@BeforeEach
	void startSecondInstanceOnTheSameDatabase() {
		this.otherInstance = startAnotherInstance("mfa.login.mode=jwt");
		this.instanceTwo = this.otherInstance.getBean(JwtLoginService.class);
		this.username = "alice-" + UUID.randomUUID();
		UserDetails user = User.withUsername(this.username).password("{noop}password").roles("USER").build();
		this.users.createUser(user);
		this.otherInstance.getBean(InMemoryUserDetailsManager.class).createUser(user);
	}

	@AfterEach
	void stopSecondInstance() {
		this.otherInstance.close();
	}

	@Test
	void refreshWhenOneTokenRacesOnTwoInstancesThenOneRotationAndTheFamilyIsRevoked() throws Exception {
		TokenPair login = this.instanceOne.login(passwordLogin());
		List<Callable<TokenPair>> tasks = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			JwtLoginService instance = (i % 2 == 0) ? this.instanceOne : this.instanceTwo;
			tasks.add(() -> instance.refresh(login.refreshToken()));
		}
		List<Result<TokenPair>> results = Race.run(tasks);
		List<TokenPair> winners = winners(results);
		assertThat(winners).hasSize(1);
		assertThat(errorCodes(results)).hasSize(THREADS - 1).containsOnly(MfaErrorCode.INVALID_TOKEN);
		// The losers presented a spent token: to the server, a thief.
		assertInvalidToken(() -> this.instanceTwo.refresh(winners.get(0).refreshToken()));
		assertThat(liveTokens()).isZero();
		assertThat(this.auditEvents.typesOf(this.username)).contains(MfaAuditEventType.REFRESH_TOKEN_REUSED);
	}

	@Test
	void refreshWhenEveryFamilyRefreshesAtOnceThenEachRotates() throws Exception {
		List<Callable<TokenPair>> tasks = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			JwtLoginService instance = (i % 2 == 0) ? this.instanceOne : this.instanceTwo;
			String refreshToken = this.instanceOne.login(passwordLogin()).refreshToken();
			tasks.add(() -> instance.refresh(refreshToken));
		}
		List<Result<TokenPair>> results = Race.run(tasks);
		assertThat(errorCodes(results)).isEmpty();
		assertThat(winners(results)).hasSize(THREADS);
		assertThat(liveTokens()).isEqualTo(THREADS);
	}

	@Test
	void revokeAllWhileAThiefRefreshesInALoopThenNoTokenSurvives() throws Exception {
		AtomicReference<String> current = new AtomicReference<>(this.instanceOne.login(passwordLogin()).refreshToken());
		Callable<Integer> thief = () -> {
			int rotations = 0;
			try {
				while (rotations < 500) {
					current.set(this.instanceTwo.refresh(current.get()).refreshToken());
					rotations++;
				}
			}
			catch (InvalidMfaTokenException ex) {
				// Revoked under the thief's feet.
			}
			return rotations;
		};
		Callable<Integer> victim = () -> {
			Thread.sleep(20);
			this.instanceOne.revokeAll(this.username);
			return 0;
		};
		List<Result<Integer>> results = Race.run(List.of(thief, victim));
		assertThat(results).allMatch(Result::succeeded);
		assertThat(results.get(0).value()).as("the thief stopped before the end").isLessThan(500);
		assertInvalidToken(() -> this.instanceOne.refresh(current.get()));
		assertThat(liveTokens()).isZero();
	}

	private UsernamePasswordAuthenticationToken passwordLogin() {
		return UsernamePasswordAuthenticationToken.authenticated(this.username, null,
				List.of(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)));
	}

	private int liveTokens() {
		Integer count = this.jdbc.queryForObject(
				"select count(*) from mfa_refresh_token where user_id = ? and revoked_at is null and spent_at is null",
				Integer.class, this.username);
		return (count != null) ? count : -1;
	}

	private static void assertInvalidToken(Runnable call) {
		try {
			call.run();
		}
		catch (InvalidMfaTokenException ex) {
			assertThat(ex.getErrorCode()).isEqualTo(MfaErrorCode.INVALID_TOKEN);
			return;
		}
		throw new AssertionError("Expected invalid_token");
	}

}
