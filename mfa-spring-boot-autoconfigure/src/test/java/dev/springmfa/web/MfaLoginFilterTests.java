package dev.springmfa.web;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.springmfa.audit.MfaAuditEventPublisher;
import dev.springmfa.authentication.MfaChallenge;
import dev.springmfa.authentication.MfaChallengeService;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class MfaLoginFilterTests {

	private final ValidatorFactory validation = Validation.buildDefaultValidatorFactory();

	private final MfaChallengeService challengeService = mock(MfaChallengeService.class);

	private Authentication completed;

	@AfterEach
	void closeValidation() {
		this.validation.close();
	}

	@Test
	void loginWhenProviderGrantsNoPasswordFactorThenFilterGrantsIt() throws Exception {
		given(this.challengeService.challengeIfRequired(any())).willReturn(Optional.empty());
		MfaLoginFilter filter = filter((request) -> UsernamePasswordAuthenticationToken.authenticated("alice", null,
				List.of(new SimpleGrantedAuthority("ROLE_USER"))));
		filter.doFilter(loginRequest(), new MockHttpServletResponse(), new MockFilterChain());
		assertThat(this.completed.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactlyInAnyOrder("ROLE_USER", "FACTOR_PASSWORD", "MFA_NOT_ENROLLED");
	}

	@Test
	void loginWhenMfaRequiredThenChallengeWrittenAndNothingAuthenticated() throws Exception {
		given(this.challengeService.challengeIfRequired(any()))
			.willReturn(Optional.of(new MfaChallenge("token", MfaChallenge.METHODS, Duration.ofMinutes(5))));
		MfaLoginFilter filter = filter(
				(request) -> UsernamePasswordAuthenticationToken.authenticated("alice", null, List.of()));
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		filter.doFilter(loginRequest(), response, chain);
		assertThat(response.getContentAsString()).contains("\"mfaRequired\":true")
			.contains("\"ephemeralToken\":\"token\"");
		assertThat(this.completed).isNull();
		assertThat(chain.getRequest()).as("the chain must not continue after a challenge").isNull();
	}

	private MfaLoginFilter filter(AuthenticationManager manager) {
		MfaHttpMessages messages = new MfaHttpMessages(JsonMapper.builder().build(), this.validation.getValidator(),
				16_384);
		MfaLoginFilter filter = new MfaLoginFilter(
				PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/api/auth/login"), this.challengeService,
				messages, new MfaAuditEventPublisher((event) -> {
				}, Clock.systemUTC()));
		filter.setAuthenticationManager(manager);
		filter.setAuthenticationSuccessHandler((request, response, authentication) -> this.completed = authentication);
		filter.afterPropertiesSet();
		return filter;
	}

	private static MockHttpServletRequest loginRequest() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/auth/login");
		request.setContentType("application/json");
		request.setContent("{\"username\":\"alice\",\"password\":\"secret\"}".getBytes());
		return request;
	}

}
