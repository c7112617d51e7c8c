package dev.springmfa.extension;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.persistence.EntityManagerFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.springmfa.MfaUserIdResolver;
import dev.springmfa.audit.MfaAuditEvent;
import dev.springmfa.audit.MfaAuditEventType;
import dev.springmfa.audit.MfaAuditListener;
import dev.springmfa.authenticator.Authenticator;
import dev.springmfa.authenticator.AuthenticatorRepository;
import dev.springmfa.authenticator.LockoutPolicy;
import dev.springmfa.crypto.EncryptedValue;
import dev.springmfa.crypto.KeyIds;
import dev.springmfa.config.MfaConfigurer;
import dev.springmfa.crypto.SecretEncryptor;
import dev.springmfa.extension.BrowserClient.Response;
import dev.springmfa.jwt.JwtTokenService;
import dev.springmfa.jwt.RefreshTokenRepository;
import dev.springmfa.web.MfaLoginCompletionHandler;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Each extension point of {@code docs/extension-points.md}, replaced by a bean of the
 * application, and the starter's behaviour that shows it uses the replacement over the
 * real filter chain.
 */
@ExtendWith(OutputCaptureExtension.class)
class ExtensionPointTests {

	private final WebApplicationContextRunner contextRunner = BrowserClient.contextRunner();

	@Test
	void lockoutPolicyWhenReplacedThenItsLockAnswersTheFirstWrongCode() {
		this.contextRunner.withBean(LockoutPolicy.class, LockAtFirstFailure::new).run((context) -> {
			byte[] secret = BrowserClient.enrolAlice(context);
			BrowserClient browser = new BrowserClient(context);
			String ephemeralToken = browser.login().field("ephemeralToken");
			Response wrong = browser.verify(ephemeralToken, wrongCode(browser.code(secret)));
			assertThat(wrong.status()).isEqualTo(429);
			assertThat(wrong.field("code")).isEqualTo("too_many_attempts");
			assertThat(wrong.retryAfter()).isEqualTo("420");
			BrowserClient again = new BrowserClient(context);
			Response right = again.verify(again.login().field("ephemeralToken"), again.code(secret));
			assertThat(right.field("code")).isEqualTo("too_many_attempts");
		});
	}

	@Test
	void secretEncryptorWhenReplacedThenSecretsAreProtectedThroughItAndNoEncryptionKeyIsNeeded() {
		RecordingSecretEncryptor encryptor = new RecordingSecretEncryptor();
		this.contextRunner.withPropertyValues("mfa.encryption.key=", "mfa.signing.key=" + "k".repeat(43) + "=")
			.withBean(SecretEncryptor.class, () -> encryptor)
			.run((context) -> {
				byte[] secret = BrowserClient.enrolAlice(context);
				assertThat(encryptor.encrypted).contains("totp-secret:alice");
				assertThat(encryptor.encrypted).filteredOn("recovery-code:alice"::equals).hasSize(10);
				Authenticator stored = context.getBean(AuthenticatorRepository.class)
					.findByUserId("alice")
					.orElseThrow();
				assertThat(stored.getSecret().keyId()).isEqualTo(RecordingSecretEncryptor.KEY_ID);
				encryptor.decrypted.clear();
				BrowserClient browser = new BrowserClient(context);
				Response verified = browser.verify(browser.login().field("ephemeralToken"), browser.code(secret));
				assertThat(verified.status()).isEqualTo(200);
				assertThat(encryptor.decrypted).containsExactly("totp-secret:alice");
			});
	}

	@Test
	void repositoriesWhenReplacedThenTheCodeStepGoesThroughThem() {
		this.contextRunner.withUserConfiguration(CountingRepositories.class).run((context) -> {
			Calls calls = context.getBean(Calls.class);
			byte[] secret = BrowserClient.enrolAlice(context);
			assertThat(calls.of(AuthenticatorRepository.class)).contains("save");
			BrowserClient browser = new BrowserClient(context);
			Response verified = browser.verify(browser.login().field("ephemeralToken"), browser.code(secret));
			assertThat(verified.status()).isEqualTo(200);
			assertThat(calls.of(AuthenticatorRepository.class)).containsSubsequence("findByUserId",
					"findByUserIdForUpdate", "acceptTimeStep");
		});
	}

	@Test
	void refreshTokenRepositoryWhenReplacedThenRefreshGoesThroughIt() {
		this.contextRunner.withPropertyValues("mfa.login.mode=jwt")
			.withUserConfiguration(CountingRepositories.class)
			.run((context) -> {
				BrowserClient browser = new BrowserClient(context);
				Response login = browser.login();
				assertThat(login.field("refreshToken")).isNotEmpty();
				Response refreshed = browser.post("/api/auth/token/refresh",
						"{\"refreshToken\":\"" + login.field("refreshToken") + "\"}");
				assertThat(refreshed.status()).isEqualTo(200);
				assertThat(context.getBean(Calls.class).of(RefreshTokenRepository.class)).containsSubsequence("save",
						"spend", "save");
			});
	}

	@Test
	void refreshTokenRepositoryWhenItCannotRecordALoginThenTheCodeThatCompletedItIsNotSpent() {
		this.contextRunner.withPropertyValues("mfa.login.mode=jwt")
			.withUserConfiguration(CountingRepositories.class)
			.run((context) -> {
				byte[] secret = BrowserClient.enrolAlice(context);
				BrowserClient browser = new BrowserClient(context);
				String ephemeralToken = browser.login().field("ephemeralToken");
				String code = browser.code(secret);
				Calls calls = context.getBean(Calls.class);
				calls.failNext(RefreshTokenRepository.class, "save");
				assertThatIllegalStateException().isThrownBy(() -> browser.verify(ephemeralToken, code))
					.withRootCauseInstanceOf(DataAccessResourceFailureException.class);
				// The token's row and the accepted code were one transaction: neither
				// stayed, and the same token and code complete the login.
				Response verified = browser.verify(ephemeralToken, code);
				assertThat(verified.status()).isEqualTo(200);
				Response refreshed = browser.post("/api/auth/token/refresh",
						"{\"refreshToken\":\"" + verified.field("refreshToken") + "\"}");
				assertThat(refreshed.status()).isEqualTo(200);
			});
	}

	@Test
	void refreshTokenRepositoryWhenItCannotRecordAStepUpThenTheCodeOfTheStepUpIsNotSpent() {
		this.contextRunner.withPropertyValues("mfa.login.mode=jwt")
			.withUserConfiguration(CountingRepositories.class)
			.run((context) -> {
				byte[] secret = BrowserClient.enrolAlice(context);
				BrowserClient browser = new BrowserClient(context);
				Response verified = browser.verify(browser.login().field("ephemeralToken"), browser.code(secret));
				assertThat(verified.status()).isEqualTo(200);
				String stepUp = "{\"code\":\"" + browser.code(secret) + "\"}";
				context.getBean(Calls.class).failNext(RefreshTokenRepository.class, "save");
				assertThatIllegalStateException().isThrownBy(() -> browser.post("/api/auth/mfa/step-up", stepUp))
					.withRootCauseInstanceOf(DataAccessResourceFailureException.class);
				// The new token's row and the accepted code were one transaction:
				// neither stayed, and the same code steps up.
				Response steppedUp = browser.post("/api/auth/mfa/step-up", stepUp);
				assertThat(steppedUp.status()).isEqualTo(200);
				Response refreshed = browser.post("/api/auth/token/refresh",
						"{\"refreshToken\":\"" + steppedUp.field("refreshToken") + "\"}");
				assertThat(refreshed.status()).isEqualTo(200);
			});
	}

	@Test
	void loginCompletionHandlerWhenDefinedInJwtModeThenTheCodeStepsRecordNoRefreshTokenForIt() {
		this.contextRunner.withPropertyValues("mfa.login.mode=jwt")
			.withUserConfiguration(CountingRepositories.class, AccessTokenOnlyCompletionHandler.class)
			.run((context) -> {
				byte[] secret = BrowserClient.enrolAlice(context);
				BrowserClient browser = new BrowserClient(context);
				String ephemeralToken = browser.login().field("ephemeralToken");
				Calls calls = context.getBean(Calls.class);
				int before = calls.of(RefreshTokenRepository.class).size();
				Response verified = browser.verify(ephemeralToken, browser.code(secret));
				assertThat(verified.field("completedBy")).isEqualTo("bean");
				assertThat(browser.get("/api/auth/mfa/status").status()).isEqualTo(200);
				Response steppedUp = browser.post("/api/auth/mfa/step-up",
						"{\"code\":\"" + browser.code(secret) + "\"}");
				assertThat(steppedUp.field("completedBy")).isEqualTo("bean");
				// The handler issues no refresh token: neither the code step nor the
				// step-up records one that no one would ever sign.
				List<String> after = calls.of(RefreshTokenRepository.class);
				assertThat(after.subList(before, after.size())).doesNotContain("save");
			});
	}

	@Test
	void userIdResolverWhenReplacedThenTheSecondFactorIsStoredAndFoundUnderItsKey() {
		this.contextRunner
			.withBean(MfaUserIdResolver.class, () -> (authentication) -> "user:" + authentication.getName())
			.run((context) -> {
				BrowserClient.enrolAlice(context);
				AuthenticatorRepository authenticators = context.getBean(AuthenticatorRepository.class);
				assertThat(authenticators.findByUserId("user:alice")).isPresent();
				assertThat(authenticators.findByUserId("alice")).isEmpty();
				assertThat(new BrowserClient(context).login().field("mfaRequired")).isEqualTo("true");
			});
	}

	@Test
	void auditListenerWhenReplacedThenItReceivesTheEventsAndTheLogGetsNone(CapturedOutput output) {
		RecordingAuditListener listener = new RecordingAuditListener();
		this.contextRunner.withBean(MfaAuditListener.class, () -> listener).run((context) -> {
			byte[] secret = BrowserClient.enrolAlice(context);
			BrowserClient browser = new BrowserClient(context);
			browser.verify(browser.login().field("ephemeralToken"), wrongCode(browser.code(secret)));
			assertThat(listener.types).contains(MfaAuditEventType.TOTP_ACTIVATED, MfaAuditEventType.VERIFY_FAILED);
			assertThat(context).getBean(MfaAuditListener.class).isSameAs(listener);
		});
		assertThat(output).doesNotContain("event=VERIFY_FAILED");
	}

	@Test
	void auditListenerWhenAddedBesideTheLoggerThenBothReceiveTheEvents(CapturedOutput output) {
		EventRecorder listener = new EventRecorder();
		this.contextRunner.withBean(EventRecorder.class, () -> listener).run((context) -> {
			byte[] secret = BrowserClient.enrolAlice(context);
			BrowserClient browser = new BrowserClient(context);
			browser.verify(browser.login().field("ephemeralToken"), wrongCode(browser.code(secret)));
			assertThat(listener.types).contains(MfaAuditEventType.VERIFY_FAILED);
		});
		assertThat(output).contains("event=VERIFY_FAILED user=alice");
	}

	@Test
	void loginCompletionHandlerWhenDefinedThenItsAnswerIsWhatTheClientGetsAndTheLoginIsKept() {
		this.contextRunner.withBean(MfaLoginCompletionHandler.class, () -> answering("bean")).run((context) -> {
			BrowserClient withoutMfa = new BrowserClient(context);
			assertThat(withoutMfa.login().field("completedBy")).isEqualTo("bean");
			byte[] secret = BrowserClient.enrolAlice(context);
			BrowserClient browser = new BrowserClient(context);
			Response verified = browser.verify(browser.login().field("ephemeralToken"), browser.code(secret));
			assertThat(verified.status()).isEqualTo(200);
			assertThat(verified.field("completedBy")).isEqualTo("bean");
			assertThat(verified.field("username")).isEqualTo("alice");
			assertThat(verified.body().has("mfaRequired")).isFalse();
			Response status = browser.get("/api/auth/mfa/status");
			assertThat(status.status()).isEqualTo(200);
			assertThat(status.field("enabled")).isEqualTo("true");
			Response stepUp = browser.post("/api/auth/mfa/step-up", "{\"code\":\"" + browser.code(secret) + "\"}");
			assertThat(stepUp.field("completedBy")).isEqualTo("bean");
		});
	}

	@Test
	void loginCompletionHandlerWhenSetOnTheConfigurerThenItIsUsedRatherThanABean() {
		this.contextRunner.withBean(MfaLoginCompletionHandler.class, () -> answering("bean"))
			.withUserConfiguration(CompletionHandlerChain.class)
			.run((context) -> assertThat(new BrowserClient(context).login().field("completedBy"))
				.isEqualTo("configurer"));
	}

	private static MfaLoginCompletionHandler answering(String completedBy) {
		return (request, response, authentication) -> {
			response.setContentType("application/json");
			response.getWriter()
				.write("{\"completedBy\":\"" + completedBy + "\",\"username\":\"" + authentication.getName() + "\"}");
		};
	}

	private static String wrongCode(String code) {
		return ((code.charAt(0) == '0') ? "1" : "0") + code.substring(1);
	}

	/**
	 * A policy far stricter than the default: the first failure locks for seven minutes.
	 */
	static class LockAtFirstFailure implements LockoutPolicy {

		@Override
		public Duration lockDurationAfter(int failures) {
			return Duration.ofMinutes(7);
		}

		@Override
		public int maxConsecutiveFailures() {
			return 10;
		}

	}

	/**
	 * An encryptor with a key of its own, as one backed by a KMS would be, that records
	 * the context of every call.
	 */
	static class RecordingSecretEncryptor implements SecretEncryptor {

		private static final byte[] KEY = "an application key of 32 bytes!!".getBytes();

		static final String KEY_ID = KeyIds.of(KEY);

		private final SecretEncryptor delegate = SecretEncryptor.aesGcm(KEY, List.of());

		final List<String> encrypted = new CopyOnWriteArrayList<>();

		final List<String> decrypted = new CopyOnWriteArrayList<>();

		@Override
		public EncryptedValue encrypt(byte[] plaintext, String context) {
			this.encrypted.add(context);
			return this.delegate.encrypt(plaintext, context);
		}

		@Override
		public byte[] decrypt(EncryptedValue value, String context) {
			this.decrypted.add(context);
			return this.delegate.decrypt(value, context);
		}

		@Override
		public boolean isCurrent(EncryptedValue value) {
			return this.delegate.isCurrent(value);
		}

	}

	/**
	 * A listener of the audit events beside the starter's, as any application adds.
	 */
	static class EventRecorder implements ApplicationListener<MfaAuditEvent> {

		final List<MfaAuditEventType> types = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(MfaAuditEvent event) {
			this.types.add(event.getType());
		}

	}

	/**
	 * The application's record of the audit events, in place of the starter's log.
	 */
	static class RecordingAuditListener extends EventRecorder implements MfaAuditListener {

	}

	/**
	 * The method calls of the repositories, by repository type.
	 */
	static class Calls {

		private final List<String> calls = new CopyOnWriteArrayList<>();

		private final Set<String> failing = ConcurrentHashMap.newKeySet();

		/**
		 * Make the next call of a method fail as a database that is gone would.
		 * @param repository the repository type
		 * @param method the method's name
		 */
		void failNext(Class<?> repository, String method) {
			this.failing.add(repository.getSimpleName() + "." + method);
		}

		List<String> of(Class<?> repository) {
			String prefix = repository.getSimpleName() + ".";
			return this.calls.stream()
				.filter((call) -> call.startsWith(prefix))
				.map((call) -> call.substring(prefix.length()))
				.toList();
		}

		/**
		 * Return a repository that records each call and hands it to the delegate.
		 * @param <T> the repository type
		 * @param type the repository type
		 * @param delegate the repository that does the work
		 * @return the recording repository
		 */
		<T> T counting(Class<T> type, T delegate) {
			return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
					(proxy, method, arguments) -> {
						String call = type.getSimpleName() + "." + method.getName();
						this.calls.add(call);
						if (this.failing.remove(call)) {
							throw new DataAccessResourceFailureException("The database is gone");
						}
						try {
							return method.invoke(delegate, arguments);
						}
						catch (InvocationTargetException ex) {
							throw ex.getTargetException();
						}
					}));
		}

	}

	/**
	 * An application's completion handler in jwt mode that issues an access token only,
	 * and no refresh token.
	 */
	@Configuration(proxyBeanMethods = false)
	static class AccessTokenOnlyCompletionHandler {

		@Bean
		MfaLoginCompletionHandler accessTokenOnlyCompletionHandler(JwtTokenService tokens) {
			return (request, response, authentication) -> {
				String accessToken = tokens.issueAccessToken(authentication.getName(), authentication.getAuthorities());
				response.setContentType("application/json");
				response.getWriter().write("{\"completedBy\":\"bean\",\"accessToken\":\"" + accessToken + "\"}");
			};
		}

	}

	/**
	 * An application's chain that sets its completion handler on the configurer.
	 */
	@Configuration(proxyBeanMethods = false)
	static class CompletionHandlerChain {

		@Bean
		SecurityFilterChain completionHandlerChain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			http.with(MfaConfigurer.mfa(), (mfa) -> mfa.loginCompletionHandler(answering("configurer")));
			return http.build();
		}

	}

	/**
	 * The application's repositories: the starter's JPA ones, wrapped to record their
	 * calls, as an application wraps them to add metrics or a cache.
	 */
	@Configuration(proxyBeanMethods = false)
	static class CountingRepositories {

		@Bean
		Calls calls() {
			return new Calls();
		}

		@Bean
		AuthenticatorRepository countingAuthenticatorRepository(Calls calls,
				EntityManagerFactory entityManagerFactory) {
			return calls.counting(AuthenticatorRepository.class,
					AuthenticatorRepository.jpa(repositories(entityManagerFactory)));
		}

		@Bean
		RefreshTokenRepository countingRefreshTokenRepository(Calls calls, EntityManagerFactory entityManagerFactory) {
			return calls.counting(RefreshTokenRepository.class,
					RefreshTokenRepository.jpa(repositories(entityManagerFactory)));
		}

		private static JpaRepositoryFactory repositories(EntityManagerFactory entityManagerFactory) {
			return new JpaRepositoryFactory(SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory));
		}

	}

}
