package dev.springmfa.config;

import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.springmfa.autoconfigure.MfaAutoConfiguration;
import dev.springmfa.autoconfigure.MfaWebSecurityAutoConfiguration;
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

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

/**
 * A browser of a chain through MockMvc and the real filter chain: one session across its
 * requests, and the chain's CSRF token on every POST.
 */
class ChainClient {

	static final String REMOTE_ADDRESS = "192.0.2.7";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final MockMvc mvc;

	private MockHttpSession session = new MockHttpSession();

	/**
	 * Return a runner of the auto-configurations of an application of the starter, with
	 * Spring MVC, MFA on and the user alice.
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
			.withBean(InMemoryUserDetailsManager.class,
					() -> new InMemoryUserDetailsManager(User.withUsername("alice").password("{noop}secret").build()));
	}

	ChainClient(WebApplicationContext context) {
		this.mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
	}

	Response get(String url) {
		return perform(MockMvcRequestBuilders.get(url));
	}

	Response post(String url, String json) {
		return perform(
				MockMvcRequestBuilders.post(url).contentType(MediaType.APPLICATION_JSON).content(json).with(csrf()));
	}

	Response login(String url, String username, String password) {
		return post(url, "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
	}

	private Response perform(MockHttpServletRequestBuilder request) {
		try {
			// A browser starts a new session where the server ended its own.
			if (this.session.isInvalid()) {
				this.session = new MockHttpSession();
			}
			request.session(this.session).remoteAddress(REMOTE_ADDRESS);
			MockHttpServletResponse response = this.mvc.perform(request).andReturn().getResponse();
			String body = response.getContentAsString();
			return new Response(response.getStatus(), body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Response(int status, JsonNode body) {

		String field(String name) {
			JsonNode field = this.body.get(name);
			return (field != null) ? field.asString() : "";
		}

	}

}
