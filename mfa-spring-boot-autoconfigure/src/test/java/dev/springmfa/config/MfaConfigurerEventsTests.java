package dev.springmfa.config;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.springmfa.InvalidMfaCodeException;
import dev.springmfa.MfaErrorCode;
import dev.springmfa.TooManyMfaAttemptsException;
import dev.springmfa.apps.SteppingClock;
import dev.springmfa.audit.MfaAuditEventType;
import dev.springmfa.audit.RecordingAuditListener;
import dev.springmfa.config.ChainClient.Response;
import dev.springmfa.totp.Base32;
import dev.springmfa.totp.TotpGenerator;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.event.AbstractAuthenticationEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * Tests that every step of the starter's login publishes Spring Security's authentication
 * events, with the request's details, as any other login of the chain does.
 */
class MfaConfigurerEventsTests {

	private final WebApplicationContextRunner contextRunner = ChainClient.contextRunner()
		.withBean(SteppingClock.class, SteppingClock::new)
		.withBean(RecordedEvents.class, RecordedEvents::new);

	@Test
	void passwordStepWhenRightThenSuccessEventWithTheRequestsDetails() {
		this.contextRunner.run((context) -> {
			new ChainClient(context).login("/api/auth/login", "alice", "secret");
			AuthenticationSuccessEvent success = events(context).single(AuthenticationSuccessEvent.class);
			assertThat(success.getAuthentication().getName()).isEqualTo("alice");
			assertThat(remoteAddress(success)).isEqualTo(ChainClient.REMOTE_ADDRESS);
		});
	}

	@Test
	void passwordStepWhenWrongThenBadCredentialsEvent() {
		this.contextRunner.run((context) -> {
			new ChainClient(context).login("/api/auth/login", "alice", "wrong");
			assertThat(events(context).single(AuthenticationFailureBadCredentialsEvent.class)
				.getAuthentication()
				.getName()).isEqualTo("alice");
		});
	}

	@Test
	void passwordStepWhenWrongOrUserUnknownThenOneEventAndOneAuditEventEachWithoutSayingWhich() {
		this.contextRunner.withBean(RecordingAuditListener.class, RecordingAuditListener::new).run((context) -> {
			ChainClient client = new ChainClient(context);
			assertThat(client.login("/api/auth/login", "alice", "wrong").status()).isEqualTo(401);
			assertThat(client.login("/api/auth/login", "mallory", "wrong").status()).isEqualTo(401);
			// The chain's manager publishes once; the password step adds none of its own.
			assertThat(events(context).events).hasSize(2)
				.allSatisfy((event) -> assertThat(event).isInstanceOf(AuthenticationFailureBadCredentialsEvent.class))
				.extracting((event) -> event.getAuthentication().getName())
				.containsExactly("alice", "mallory");
			RecordingAuditListener audit = context.getBean(RecordingAuditListener.class);
			assertThat(audit.typesOf("alice")).containsExactly(MfaAuditEventType.PASSWORD_FAILED);
			assertThat(audit.typesOf("mallory")).containsExactly(MfaAuditEventType.PASSWORD_FAILED);
		});
	}

	@Test
	void passwordStepWhenThrottledThenLockedEventCausedByTheStartersRefusal() {
		this.contextRunner
			.withPropertyValues("mfa.login.throttle.enabled=true", "mfa.login.throttle.max-attempts-per-account=1")
			.run((context) -> {
				ChainClient client = new ChainClient(context);
				client.login("/api/auth/login", "alice", "wrong");
				assertThat(client.login("/api/auth/login", "alice", "secret").field("code"))
					.isEqualTo("too_many_attempts");
				assertThat(events(context).events).hasSize(2);
				AuthenticationFailureLockedEvent locked = events(context)
					.single(AuthenticationFailureLockedEvent.class);
				assertThat(locked.getAuthentication().getName()).isEqualTo("alice");
				assertThat(locked.getException()).hasCauseInstanceOf(TooManyMfaAttemptsException.class);
				assertThat(remoteAddress(locked)).isEqualTo(ChainClient.REMOTE_ADDRESS);
			});
	}

	@Test
	void secondStepWhenCodeRightThenSuccessEventWithTheRequestsDetails() {
		this.contextRunner.run((context) -> {
			Enrolled alice = enroll(context);
			Response verify = alice.verify(alice.login(), alice.nextCode());
			assertThat(verify.status()).isEqualTo(200);
			AuthenticationSuccessEvent success = events(context).last(AuthenticationSuccessEvent.class);
			assertThat(success.getAuthentication().getName()).isEqualTo("alice");
			assertThat(success.getAuthentication().getAuthorities()).extracting("authority").contains("FACTOR_TOTP");
			assertThat(remoteAddress(success)).isEqualTo(ChainClient.REMOTE_ADDRESS);
		});
	}

	@Test
	void secondStepWhenCodeRightThenItsLoginCarriesNoPasswordHashNorFingerprint() {
		this.contextRunner.run((context) -> {
			Enrolled alice = enroll(context);
			assertThat(alice.verify(alice.login(), alice.nextCode()).status()).isEqualTo(200);
			Authentication login = events(context).last(AuthenticationSuccessEvent.class).getAuthentication();
			assertThat(login.getPrincipal()).isInstanceOfSatisfying(UserDetails.class,
					(user) -> assertThat(user.getPassword()).isNull());
			assertThat(login.getCredentials()).isNull();
		});
	}

	@Test
	void secondStepWhenCodeWrongThenBadCredentialsEventCausedByTheStartersRefusal() {
		this.contextRunner.run((context) -> {
			Enrolled alice = enroll(context);
			events(context).clear();
			assertThat(alice.verify(alice.login(), "000000").status()).isEqualTo(401);
			AuthenticationFailureBadCredentialsEvent failure = events(context)
				.single(AuthenticationFailureBadCredentialsEvent.class);
			assertThat(failure.getException()).hasCauseInstanceOf(InvalidMfaCodeException.class);
			assertThat(failure.getAuthentication().getDetails()).isInstanceOf(WebAuthenticationDetails.class);
		});
	}

	@Test
	void secondStepWhenLockedThenLockedEvent() {
		this.contextRunner.withPropertyValues("mfa.lockout.max-attempts=1").run((context) -> {
			Enrolled alice = enroll(context);
			String ephemeralToken = alice.login();
			alice.verify(ephemeralToken, "000000");
			assertThat(alice.verify(ephemeralToken, alice.nextCode()).field("code")).isEqualTo("too_many_attempts");
			AuthenticationFailureLockedEvent locked = events(context).last(AuthenticationFailureLockedEvent.class);
			assertThat(locked.getException().getCause()).isInstanceOfSatisfying(TooManyMfaAttemptsException.class,
					(refusal) -> assertThat(refusal.getErrorCode()).isEqualTo(MfaErrorCode.TOO_MANY_ATTEMPTS));
		});
	}

	@Test
	void stepUpWhenCodeRightOrWrongThenSuccessOrFailureEvent() {
		this.contextRunner.run((context) -> {
			Enrolled alice = enroll(context);
			alice.verify(alice.login(), alice.nextCode());
			events(context).clear();
			assertThat(alice.client.post("/api/auth/mfa/step-up", "{\"code\":\"000000\"}").status()).isEqualTo(400);
			assertThat(events(context).single(AuthenticationFailureBadCredentialsEvent.class)
				.getAuthentication()
				.getName()).isEqualTo("alice");
			String code = "{\"code\":\"" + alice.nextCode() + "\"}";
			assertThat(alice.client.post("/api/auth/mfa/step-up", code).status()).isEqualTo(200);
			assertThat(events(context).single(AuthenticationSuccessEvent.class).getAuthentication().getName())
				.isEqualTo("alice");
		});
	}

	@Test
	void stepUpWhenBodyMalformedThenNoFailureEvent() {
		this.contextRunner.run((context) -> {
			Enrolled alice = enroll(context);
			alice.verify(alice.login(), alice.nextCode());
			events(context).clear();
			assertThat(alice.client.post("/api/auth/mfa/step-up", "{\"code\":").status()).isEqualTo(400);
			assertThat(events(context).events).isEmpty();
		});
	}

	@Test
	void authenticationEventPublisherWhenSetOnTheConfigurerThenItPublishesTheSecondStep() {
		AuthenticationEventPublisher publisher = mock(AuthenticationEventPublisher.class);
		this.contextRunner.withUserConfiguration(PublisherChain.class)
			.withBean(PublisherOnTheConfigurer.class, () -> new PublisherOnTheConfigurer(publisher))
			.run((context) -> {
				Enrolled alice = enroll(context);
				events(context).clear();
				alice.verify(alice.login(), alice.nextCode());
				verify(publisher).publishAuthenticationSuccess(any());
				// Only the password step went through the application's publisher.
				assertThat(
						events(context).single(AuthenticationSuccessEvent.class).getAuthentication().getAuthorities())
					.extracting("authority")
					.doesNotContain("FACTOR_TOTP");
			});
	}

	private static Enrolled enroll(AssertableWebApplicationContext context) {
		Enrolled alice = new Enrolled(new ChainClient(context), context.getBean(TotpGenerator.class),
				context.getBean(SteppingClock.class));
		alice.client.login("/api/auth/login", "alice", "secret");
		Response activation = alice.client.get("/api/auth/mfa/totp/activate");
		alice.secret = Base32.decode(activation.field("secret"));
		Response confirmed = alice.client.post("/api/auth/mfa/totp/activate", "{\"activationToken\":\""
				+ activation.field("activationToken") + "\",\"code\":\"" + alice.nextCode() + "\"}");
		assertThat(confirmed.status()).isEqualTo(200);
		return alice;
	}

	private static RecordedEvents events(AssertableWebApplicationContext context) {
		return context.getBean(RecordedEvents.class);
	}

	private static String remoteAddress(AbstractAuthenticationEvent event) {
		assertThat(event.getAuthentication().getDetails()).isInstanceOf(WebAuthenticationDetails.class);
		return ((WebAuthenticationDetails) event.getAuthentication().getDetails()).getRemoteAddress();
	}

	/**
	 * Alice with TOTP on, logged in on her own client.
	 */
	private static final class Enrolled {

		private final ChainClient client;

		private final TotpGenerator totp;

		private final SteppingClock clock;

		private byte[] secret = new byte[0];

		private Enrolled(ChainClient client, TotpGenerator totp, SteppingClock clock) {
			this.client = client;
			this.totp = totp;
			this.clock = clock;
		}

		// Each code from a time step of its own, so that replay protection refuses none.
		String nextCode() {
			return this.totp.generate(this.secret, this.clock.nextStep());
		}

		String login() {
			return this.client.login("/api/auth/login", "alice", "secret").field("ephemeralToken");
		}

		Response verify(String ephemeralToken, String code) {
			return this.client.post("/api/auth/mfa/verify",
					"{\"ephemeralToken\":\"" + ephemeralToken + "\",\"code\":\"" + code + "\"}");
		}

	}

	static class RecordedEvents implements ApplicationListener<AbstractAuthenticationEvent> {

		private final List<AbstractAuthenticationEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(AbstractAuthenticationEvent event) {
			this.events.add(event);
		}

		<E extends AbstractAuthenticationEvent> E single(Class<E> type) {
			return type.cast(assertThat(this.events).filteredOn(type::isInstance).singleElement().actual());
		}

		<E extends AbstractAuthenticationEvent> E last(Class<E> type) {
			List<AbstractAuthenticationEvent> ofType = this.events.stream().filter(type::isInstance).toList();
			assertThat(ofType).isNotEmpty();
			return type.cast(ofType.get(ofType.size() - 1));
		}

		void clear() {
			this.events.clear();
		}

	}

	record PublisherOnTheConfigurer(AuthenticationEventPublisher publisher) {

	}

	@Configuration(proxyBeanMethods = false)
	static class PublisherChain {

		@Bean
		SecurityFilterChain publisherChain(HttpSecurity http, PublisherOnTheConfigurer events) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			http.with(MfaConfigurer.mfa(), (mfa) -> mfa.authenticationEventPublisher(events.publisher()));
			return http.build();
		}

	}

}
