package dev.springmfa.extension;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.springmfa.apps.SteppingClock;
import dev.springmfa.autoconfigure.MfaAutoConfiguration;
import dev.springmfa.autoconfigure.MfaWebSecurityAutoConfiguration;
import dev.springmfa.totp.Base32;
import dev.springmfa.totp.TotpGenerator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

/**
 * A browser of an application of the starter, through MockMvc and the real filter chain:
 * one session across its requests, the chain's CSRF token on every POST, and the bearer
 * token of a jwt login on every later request.
 */
class BrowserClient {

	static final String PASSWORD = "secret";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final WebApplicationContext context;

	private final MockMvc mvc;

	private MockHttpSession session = new MockHttpSession();

	private @Nullable String accessToken;

	/**
	 * Return a runner of an application of the starter with Spring MVC, MFA on, the
	 * starter's default chain, a {@link SteppingClock} and the user alice.
	 * @return the runner
	 */
	static WebApplicationContextRunner contextRunner() {
		return new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MfaAutoConfiguration.class, MfaWebSecurityAutoConfiguration.class,
					DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
					TransactionAutoConfiguration.class, JacksonAutoConfiguration.class,
					ValidationAutoConfiguration.class, SecurityAutoConfiguration.class,
					ServletWebSecurityAutoConfiguration.class, WebMvcAutoConfiguration.class,
					HttpMessageConvertersAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(), "mfa.enabled=true",
					"mfa.encryption.key=gRQP+S3aBi5IVcJfm2QQWhiijs17qGB6P2sy1KAISHw=")
			.withBean(SteppingClock.class, SteppingClock::new)
			.withBean(InMemoryUserDetailsManager.class, () -> new InMemoryUserDetailsManager(
					User.withUsername("alice").password("{noop}" + PASSWORD).build()));
	}

	BrowserClient(WebApplicationContext context) {
		this.context = context;
		this.mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
	}

	/**
	 * Log alice in with her password and turn TOTP on for her.
	 * @param context the application
	 * @return her TOTP secret
	 */
	static byte[] enrolAlice(WebApplicationContext context) {
		BrowserClient client = new BrowserClient(context);
		assertThat(client.login().status()).isEqualTo(200);
		Response activation = client.get("/api/auth/mfa/totp/activate");
		assertThat(activation.status()).as(activation.toString()).isEqualTo(200);
		byte[] secret = Base32.decode(activation.field("secret"));
		Response activated = client.post("/api/auth/mfa/totp/activate", "{\"activationToken\":\""
				+ activation.field("activationToken") + "\",\"code\":\"" + client.code(secret) + "\"}");
		assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
		return secret;
	}

	/**
	 * Return the TOTP code of the next time step, so that replay protection never refuses
	 * it.
	 * @param secret the secret
	 * @return the code
	 */
	String code(byte[] secret) {
		SteppingClock clock = this.context.getBean(SteppingClock.class);
		return this.context.getBean(TotpGenerator.class).generate(secret, clock.nextStep());
	}

	Response login() {
		return post("/api/auth/login", "{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}");
	}

	Response verify(String ephemeralToken, String code) {
		return post("/api/auth/mfa/verify",
				"{\"ephemeralToken\":\"" + ephemeralToken + "\",\"code\":\"" + code + "\"}");
	}

	Response get(String url) {
		return perform(MockMvcRequestBuilders.get(url));
	}

	Response post(String url, String json) {
		return perform(
				MockMvcRequestBuilders.post(url).contentType(MediaType.APPLICATION_JSON).content(json).with(csrf()));
	}

	private Response perform(MockHttpServletRequestBuilder request) {
		try {
			// A browser starts a new session where the server ended its own.
			if (this.session.isInvalid()) {
				this.session = new MockHttpSession();
			}
			request.session(this.session);
			if (this.accessToken != null) {
				request.header("Authorization", "Bearer " + this.accessToken);
			}
			MockHttpServletResponse response = this.mvc.perform(request).andReturn().getResponse();
			String body = response.getContentAsString();
			Response answer = new Response(response.getStatus(),
					body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body), response.getHeader("Retry-After"));
			if (answer.body().has("accessToken")) {
				this.accessToken = answer.field("accessToken");
			}
			return answer;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An answer of the application.
	 *
	 * @param status the status
	 * @param body the JSON body, empty where there is none
	 * @param retryAfter the {@code Retry-After} header
	 */
	record Response(int status, JsonNode body, @Nullable String retryAfter) {

		String field(String name) {
			JsonNode field = this.body.get(name);
			return (field != null) ? field.asString() : "";
		}

	}

}
