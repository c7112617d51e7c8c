package dev.springmfa.config;

import jakarta.servlet.http.Cookie;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

/**
 * The CSRF setup for SPAs that the starter's default chain and
 * {@code MfaConfigurer.spaCsrf(true)} apply: the token is bound to the session, so that
 * an attacker who can plant a cookie (from a sibling subdomain, say) cannot choose it,
 * and the {@code XSRF-TOKEN} cookie only mirrors it, {@code SameSite=Strict}, and
 * {@code Secure} on a secure request. MockMvc does not write a cookie's {@code SameSite}
 * into its {@code Set-Cookie} header; the demo's tests read the header as Tomcat writes
 * it.
 */
class SpaCsrfTests {

	private static final String CREDENTIALS = "{\"username\":\"alice\",\"password\":\"secret\"}";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@ParameterizedTest
	@EnumSource
	void csrfWhenRequestedThenTheCookieMirrorsTheTokenSameSiteStrict(Chain chain) {
		chain.run((browser) -> {
			MockHttpServletResponse csrf = browser.get("/api/auth/csrf");
			assertThat(csrf.getStatus()).isEqualTo(200);
			JsonNode body = JSON.readTree(csrf.getContentAsString());
			assertThat(body.get("headerName").asString()).isEqualTo("X-XSRF-TOKEN");
			Cookie cookie = csrf.getCookie("XSRF-TOKEN");
			assertThat(cookie).isNotNull();
			assertThat(cookie.getValue()).isEqualTo(body.get("token").asString());
			assertThat(cookie.getAttribute("SameSite")).isEqualTo("Strict");
			assertThat(cookie.getSecure()).isFalse();
			// Scripts of the SPA read it.
			assertThat(cookie.isHttpOnly()).isFalse();
		});
	}

	@ParameterizedTest
	@EnumSource
	void csrfWhenRequestSecureThenTheCookieIsSecure(Chain chain) {
		chain.run((browser) -> {
			MockHttpServletResponse csrf = browser.perform(MockMvcRequestBuilders.get("/api/auth/csrf").secure(true));
			assertThat(csrf.getStatus()).isEqualTo(200);
			Cookie cookie = csrf.getCookie("XSRF-TOKEN");
			assertThat(cookie).isNotNull();
			assertThat(cookie.getSecure()).isTrue();
			assertThat(cookie.getAttribute("SameSite")).isEqualTo("Strict");
		});
	}

	@ParameterizedTest
	@EnumSource
	void loginWhenHeaderCarriesTheSessionsTokenThenAcceptedAndTheTokenRenewed(Chain chain) {
		chain.run((browser) -> {
			String token = browser.csrfToken();
			MockHttpServletResponse login = browser.post("/api/auth/login", CREDENTIALS, token, null);
			assertThat(login.getStatus()).as(login.getContentAsString()).isEqualTo(200);
			// The login gave the session a new token, and took the mirror's cookie away.
			Cookie cleared = login.getCookie("XSRF-TOKEN");
			assertThat(cleared).isNotNull();
			assertThat(cleared.getMaxAge()).isZero();
			assertAccessDenied(browser.post("/api/auth/login", CREDENTIALS, token, null));
			String renewed = browser.csrfToken();
			assertThat(renewed).isNotEqualTo(token);
			assertThat(browser.post("/api/auth/login", CREDENTIALS, renewed, null).getStatus()).isEqualTo(200);
		});
	}

	@ParameterizedTest
	@EnumSource
	void loginWhenCookieAndHeaderPlantedThenAccessDenied(Chain chain) {
		chain.run((browser) -> {
			// No session yet: nothing to compare the planted pair with.
			assertAccessDenied(browser.post("/api/auth/login", CREDENTIALS, "planted", "planted"));
			assertThat(browser.get("/api/auth/user").getStatus()).isEqualTo(401);
			// A session of the victim's, whose token the attacker cannot read.
			browser.csrfToken();
			assertAccessDenied(browser.post("/api/auth/login", CREDENTIALS, "planted", "planted"));
			assertThat(browser.get("/api/auth/user").getStatus()).isEqualTo(401);
		});
	}

	@ParameterizedTest
	@EnumSource
	void loginWhenAnotherSessionsTokenPlantedThenAccessDeniedAndTheSessionsOwnStillWorks(Chain chain) {
		chain.run((victim, attacker) -> {
			String attackers = attacker.csrfToken();
			String victims = victim.csrfToken();
			assertAccessDenied(victim.post("/api/auth/login", CREDENTIALS, attackers, attackers));
			assertThat(victim.get("/api/auth/user").getStatus()).isEqualTo(401);
			assertThat(attacker.post("/api/auth/login", CREDENTIALS, attackers, null).getStatus())
				.as("the planted token is valid, in the session it belongs to")
				.isEqualTo(200);
			// The planted cookie changes nothing for the victim's own token.
			assertThat(victim.post("/api/auth/login", CREDENTIALS, victims, attackers).getStatus()).isEqualTo(200);
		});
	}

	@ParameterizedTest
	@EnumSource
	void requestWhenItUsesNoTokenThenNoSessionAndNoCookie(Chain chain) {
		chain.run((browser) -> {
			MockHttpServletResponse user = browser.get("/api/auth/user");
			assertThat(user.getStatus()).isEqualTo(401);
			assertThat(user.getCookie("XSRF-TOKEN")).isNull();
			assertThat(browser.session).isNull();
		});
	}

	private static void assertAccessDenied(MockHttpServletResponse response) throws Exception {
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(403);
		JsonNode problem = JSON.readTree(response.getContentAsString());
		assertThat(problem.get("code").asString()).isEqualTo("access_denied");
		assertThat(problem.get("detail").asString()).contains("CSRF");
	}

	/**
	 * The chains that take the setup: the starter's default chain, and an application's
	 * own with {@code spaCsrf(true)}.
	 */
	enum Chain {

		DEFAULT(ChainClient.contextRunner()),

		APPLICATION_WITH_SPA_CSRF(ChainClient.contextRunner().withUserConfiguration(SpaCsrfChain.class));

		private final WebApplicationContextRunner contextRunner;

		Chain(WebApplicationContextRunner contextRunner) {
			this.contextRunner = contextRunner;
		}

		void run(BrowserTest test) {
			this.contextRunner.run((context) -> test.run(new Browser(context)));
		}

		void run(TwoBrowserTest test) {
			this.contextRunner.run((context) -> test.run(new Browser(context), new Browser(context)));
		}

	}

	@FunctionalInterface
	interface BrowserTest {

		void run(Browser browser) throws Exception;

	}

	@FunctionalInterface
	interface TwoBrowserTest {

		void run(Browser browser, Browser other) throws Exception;

	}

	/**
	 * A browser of the chain through MockMvc: it keeps the session that the server gave
	 * it, and sends the CSRF cookie and header that each test chooses.
	 */
	static final class Browser {

		private final MockMvc mvc;

		@Nullable MockHttpSession session;

		Browser(WebApplicationContext context) {
			this.mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
		}

		// As a SPA's fetch asks, which Spring Security's request cache does not save in
		// a session.
		MockHttpServletResponse get(String url) throws Exception {
			return perform(MockMvcRequestBuilders.get(url).accept(MediaType.APPLICATION_JSON));
		}

		String csrfToken() throws Exception {
			MockHttpServletResponse csrf = get("/api/auth/csrf");
			assertThat(csrf.getStatus()).isEqualTo(200);
			return JSON.readTree(csrf.getContentAsString()).get("token").asString();
		}

		MockHttpServletResponse post(String url, String json, @Nullable String header, @Nullable String cookie)
				throws Exception {
			MockHttpServletRequestBuilder request = MockMvcRequestBuilders.post(url)
				.contentType(MediaType.APPLICATION_JSON)
				.content(json);
			if (header != null) {
				request.header("X-XSRF-TOKEN", header);
			}
			if (cookie != null) {
				request.cookie(new Cookie("XSRF-TOKEN", cookie));
			}
			return perform(request);
		}

		MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
			if (this.session != null) {
				request.session(this.session);
			}
			MvcResult result = this.mvc.perform(request).andReturn();
			if (result.getRequest().getSession(false) instanceof MockHttpSession created && !created.isInvalid()) {
				this.session = created;
			}
			return result.getResponse();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SpaCsrfChain {

		@Bean
		SecurityFilterChain spaCsrfChain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			http.with(MfaConfigurer.mfa(), (mfa) -> mfa.spaCsrf(true));
			return http.build();
		}

	}

}
