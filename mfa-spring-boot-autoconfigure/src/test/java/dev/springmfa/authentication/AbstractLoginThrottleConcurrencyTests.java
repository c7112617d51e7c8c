package dev.springmfa.authentication;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.springmfa.authentication.Race.Result;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The throttle of the password step against a burst, over HTTP, on two application
 * instances that share one database: however many wrong passwords arrive at once, no more
 * are checked than the throttle allows, per account and per client address. Each check
 * takes as long as a password hash does, and no connection is held meanwhile.
 * <p>
 * The instances sit behind a proxy that they trust ({@code X-Forwarded-For} from the
 * loopback address), so that each request can come from an address of its own. The tests
 * of a class share the instances, each with accounts and addresses of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractLoginThrottleConcurrencyTests {

	static final int PER_ACCOUNT = 5;

	static final int PER_ADDRESS = 10;

	private static final int BURST = 64;

	private static final String PASSWORD = "password";

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	/**
	 * Create the database that the instances share, empty, and return its data source
	 * properties.
	 * @return the properties
	 */
	abstract Map<String, String> database();

	@BeforeAll
	void startTwoInstancesOnTheSameDatabase() {
		Map<String, String> database = database();
		for (int i = 0; i < 2; i++) {
			Map<String, Object> properties = new LinkedHashMap<>(database);
			properties.putAll(Map.of("server.port", "0", "server.forward-headers-strategy", "native", "mfa.enabled",
					"true", "mfa.encryption.key", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", "mfa.login.mode",
					"jwt", "mfa.login.throttle.enabled", "true", "mfa.login.throttle.max-attempts-per-account",
					PER_ACCOUNT, "mfa.login.throttle.max-attempts-per-address", PER_ADDRESS,
					"spring.jpa.hibernate.ddl-auto", "validate"));
			this.instances.add(new SpringApplicationBuilder(MfaTestApplication.class, SlowPasswords.class)
				.web(WebApplicationType.SERVLET)
				.properties(properties.entrySet()
					.stream()
					.map((property) -> property.getKey() + "=" + property.getValue())
					.toArray(String[]::new))
				.run());
		}
	}

	@AfterAll
	void stopInstances() {
		this.instances.forEach(ConfigurableApplicationContext::close);
	}

	@BeforeEach
	void resetPasswordChecks() {
		this.instances.forEach((instance) -> instance.getBean(SlowPasswords.class).reset());
	}

	@Test
	void loginWhenSixtyFourWrongPasswordsForOneAccountArriveAtOnceFromManyAddressesThenOnlyTheAccountsBudgetIsChecked()
			throws Exception {
		String username = newUser();
		List<Callable<Integer>> attempts = new ArrayList<>();
		for (int i = 0; i < BURST; i++) {
			attempts.add(login(i, username, "wrong", "203.0.113." + i));
		}
		List<Integer> statuses = statuses(Race.run(attempts));
		assertThat(passwordsChecked()).isEqualTo(PER_ACCOUNT);
		assertThat(statuses).filteredOn((status) -> status == 401).hasSize(PER_ACCOUNT);
		assertThat(statuses).filteredOn((status) -> status == 429).hasSize(BURST - PER_ACCOUNT);
	}

	@Test
	void loginWhenSixtyFourWrongPasswordsForManyAccountsArriveAtOnceFromOneAddressThenOnlyTheAddressesBudgetIsChecked()
			throws Exception {
		List<Callable<Integer>> attempts = new ArrayList<>();
		for (int i = 0; i < BURST; i++) {
			attempts.add(login(i, "nobody-" + UUID.randomUUID(), "wrong", "198.51.100.7"));
		}
		List<Integer> statuses = statuses(Race.run(attempts));
		assertThat(passwordsChecked()).isEqualTo(PER_ADDRESS);
		assertThat(statuses).filteredOn((status) -> status == 401).hasSize(PER_ADDRESS);
		assertThat(statuses).filteredOn((status) -> status == 429).hasSize(BURST - PER_ADDRESS);
	}

	private String newUser() {
		String username = "alice-" + UUID.randomUUID();
		for (ConfigurableApplicationContext instance : this.instances) {
			instance.getBean(InMemoryUserDetailsManager.class)
				.createUser(User.withUsername(username).password("{noop}" + PASSWORD).roles("USER").build());
		}
		return username;
	}

	private Callable<Integer> login(int index, String username, String password, String clientAddress) {
		int port = ((WebServerApplicationContext) this.instances.get(index % this.instances.size())).getWebServer()
			.getPort();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/auth/login"))
			.header("Content-Type", "application/json")
			.header("X-Forwarded-For", clientAddress)
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"))
			.build();
		return () -> send(request);
	}

	private int send(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private int passwordsChecked() {
		return this.instances.stream().mapToInt((instance) -> instance.getBean(SlowPasswords.class).checks()).sum();
	}

	private static List<Integer> statuses(List<Result<Integer>> results) {
		assertThat(results).allSatisfy((result) -> assertThat(result.failure()).isNull());
		List<Integer> statuses = results.stream().map(Result::value).toList();
		assertThat(statuses)
			.as(() -> statuses.stream()
				.collect(Collectors.groupingBy((status) -> status, Collectors.counting()))
				.toString())
			.isSubsetOf(401, 429);
		return statuses;
	}

	/**
	 * The application's password encoder, counting each password it checks, and taking as
	 * long as a password hash does.
	 */
	@Configuration(proxyBeanMethods = false)
	static class SlowPasswords {

		private final AtomicInteger checks = new AtomicInteger();

		@Bean
		PasswordEncoder passwordEncoder() {
			PasswordEncoder delegate = PasswordEncoderFactories.createDelegatingPasswordEncoder();
			return new PasswordEncoder() {

				@Override
				public String encode(CharSequence rawPassword) {
					return delegate.encode(rawPassword);
				}

				@Override
				public boolean matches(CharSequence rawPassword, String encodedPassword) {
					SlowPasswords.this.checks.incrementAndGet();
					try {
						Thread.sleep(100);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					return delegate.matches(rawPassword, encodedPassword);
				}

			};
		}

		int checks() {
			return this.checks.get();
		}

		void reset() {
			this.checks.set(0);
		}

	}

}
