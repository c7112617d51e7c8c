package dev.springmfa.config;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.springmfa.config.ChainClient.Response;
import dev.springmfa.authentication.MfaChallenge;
import dev.springmfa.authentication.MfaChallengeService;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for the DSL of {@link MfaConfigurer}: the URLs a chain answers, and where its
 * collaborators come from.
 */
class MfaConfigurerTests {

	private final WebApplicationContextRunner contextRunner = ChainClient.contextRunner();

	@Test
	void loginProcessingUrlWhenSetThenThePasswordStepIsServedThereOnly() {
		this.contextRunner.withUserConfiguration(MovedUrlsChain.class).run((context) -> {
			Response login = new ChainClient(context).login("/signin", "alice", "secret");
			assertThat(login.status()).isEqualTo(200);
			assertThat(login.field("username")).isEqualTo("alice");
			assertThat(new ChainClient(context).login("/api/auth/login", "alice", "secret").status()).isEqualTo(401);
		});
	}

	@Test
	void verificationUrlWhenSetThenTheCodeStepIsServedThereOnly() {
		this.contextRunner.withUserConfiguration(MovedUrlsChain.class).run((context) -> {
			String body = "{\"ephemeralToken\":\"forged\",\"code\":\"123456\"}";
			Response moved = new ChainClient(context).post("/signin/code", body);
			assertThat(moved.status()).isEqualTo(401);
			assertThat(moved.field("code")).isEqualTo("invalid_token");
			assertThat(new ChainClient(context).post("/api/auth/mfa/verify", body).field("code"))
				.isEqualTo("unauthenticated");
		});
	}

	@Test
	void stepUpUrlWhenSetThenStepUpIsServedThereOnly() {
		this.contextRunner.withUserConfiguration(MovedUrlsChain.class).run((context) -> {
			ChainClient client = new ChainClient(context);
			client.login("/signin", "alice", "secret");
			Response moved = client.post("/signin/step-up", "{\"code\":\"123456\"}");
			assertThat(moved.status()).isEqualTo(409);
			assertThat(moved.field("code")).isEqualTo("mfa_not_enabled");
			assertThat(client.post("/api/auth/mfa/step-up", "{\"code\":\"123456\"}").field("code"))
				.isNotEqualTo("mfa_not_enabled");
		});
	}

	@Test
	void csrfTokenUrlWhenSetThenTheTokenIsHandedOutThereOnly() {
		this.contextRunner.withUserConfiguration(MovedUrlsChain.class).run((context) -> {
			Response moved = new ChainClient(context).get("/signin/csrf");
			assertThat(moved.status()).isEqualTo(200);
			assertThat(moved.field("headerName")).isEqualTo("X-CSRF-TOKEN");
			assertThat(new ChainClient(context).get("/api/auth/csrf").status()).isEqualTo(401);
		});
	}

	@Test
	void tokenRefreshUrlWhenSetThenRefreshIsServedThereOnly() {
		this.contextRunner.withPropertyValues("mfa.login.mode=jwt")
			.withUserConfiguration(MovedRefreshChain.class)
			.run((context) -> {
				String body = "{\"refreshToken\":\"forged\"}";
				Response moved = new ChainClient(context).post("/token", body);
				assertThat(moved.status()).isEqualTo(401);
				assertThat(moved.field("code")).isEqualTo("invalid_token");
				assertThat(new ChainClient(context).post("/api/auth/token/refresh", body).field("code"))
					.isEqualTo("unauthenticated");
			});
	}

	@Test
	void basePathWhenSetThenFiltersAndControllersMoveWithIt() {
		this.contextRunner.withPropertyValues("mfa.base-path=/auth").run((context) -> {
			ChainClient client = new ChainClient(context);
			assertThat(client.login("/auth/login", "alice", "secret").status()).isEqualTo(200);
			Response status = client.get("/auth/mfa/status");
			assertThat(status.status()).isEqualTo(200);
			assertThat(status.field("enabled")).isEqualTo("false");
			assertThat(client.get("/api/auth/mfa/status").status()).isEqualTo(404);
		});
	}

	@Test
	void urlWhenNotAbsoluteThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> MfaConfigurer.mfa().loginProcessingUrl("signin"))
			.withMessage("loginProcessingUrl must start with '/'");
	}

	@Test
	void collaboratorWhenNeitherSetNorUniqueThenStartFailsNamingIt() {
		this.contextRunner.withBean("challenges", MfaChallengeService.class, () -> mock(MfaChallengeService.class))
			.withBean("moreChallenges", MfaChallengeService.class, () -> mock(MfaChallengeService.class))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("MFA needs a unique MfaChallengeService bean, or one set on MfaConfigurer"));
	}

	@Test
	void collaboratorWhenSetOnTheConfigurerThenItIsUsedRatherThanABean() {
		MfaChallengeService challenges = mock(MfaChallengeService.class);
		given(challenges.challengeIfRequired(any())).willReturn(
				Optional.of(new MfaChallenge("set-on-the-configurer", MfaChallenge.METHODS, Duration.ofMinutes(5))));
		this.contextRunner.withBean("challenges", MfaChallengeService.class, () -> challenges)
			.withBean("moreChallenges", MfaChallengeService.class, () -> mock(MfaChallengeService.class))
			.withUserConfiguration(ChallengeServiceChain.class)
			.run((context) -> assertThat(
					new ChainClient(context).login("/api/auth/login", "alice", "secret").field("ephemeralToken"))
				.isEqualTo("set-on-the-configurer"));
	}

	@Configuration(proxyBeanMethods = false)
	static class MovedUrlsChain {

		@Bean
		SecurityFilterChain movedUrls(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			http.with(MfaConfigurer.mfa(),
					(mfa) -> mfa.loginProcessingUrl("/signin")
						.verificationUrl("/signin/code")
						.stepUpUrl("/signin/step-up")
						.csrfTokenUrl("/signin/csrf"));
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ChallengeServiceChain {

		@Bean
		SecurityFilterChain challengeServiceChain(HttpSecurity http, MfaChallengeService challenges) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			http.with(MfaConfigurer.mfa(), (mfa) -> mfa.challengeService(challenges));
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MovedRefreshChain {

		@Bean
		SecurityFilterChain movedRefresh(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			http.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
			http.csrf((csrf) -> csrf.disable());
			http.with(MfaConfigurer.mfa(), (mfa) -> mfa.tokenRefreshUrl("/token"));
			return http.build();
		}

	}

}
