package dev.springmfa.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.springmfa.InvalidMfaTokenException;
import dev.springmfa.jwt.AccessTokenAuthenticationToken;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The bearer header as a client may spell it: a token is read trimmed, and a header
 * without one is an invalid token, never a server error.
 */
class MfaBearerTokenAuthenticationConverterTests {

	private final MfaBearerTokenAuthenticationConverter converter = new MfaBearerTokenAuthenticationConverter();

	@ParameterizedTest
	@ValueSource(strings = { "Bearer abc.def.ghi", "bearer abc.def.ghi", "BEARER \tabc.def.ghi ",
			"Bearer abc.def.ghi\u0000" })
	void convertWhenBearerTokenThenTokenReadTrimmed(String header) {
		AccessTokenAuthenticationToken request = (AccessTokenAuthenticationToken) this.converter
			.convert(request(header));
		assertThat(request.getCredentials()).isEqualTo("abc.def.ghi");
	}

	// A servlet container decodes headers as ISO-8859-1, but a mock or a filter in front
	// may pass any character; Unicode spaces such as U+2028 survive String.trim().
	@ParameterizedTest
	@ValueSource(strings = { "Bearer ", "Bearer  \t ", "Bearer \u0000", "Bearer \u2028", "Bearer \u3000\u2003" })
	void convertWhenBearerWithoutTokenThenInvalidToken(String header) {
		assertThatExceptionOfType(InvalidMfaTokenException.class)
			.isThrownBy(() -> this.converter.convert(request(header)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "Basic dXNlcjpwYXNz", "Bearer", "Bearerabc.def.ghi" })
	void convertWhenNotBearerSchemeThenLeftAlone(String header) {
		assertThat(this.converter.convert(request(header))).isNull();
	}

	@Test
	void convertWhenNoHeaderThenLeftAlone() {
		assertThat(this.converter.convert(new MockHttpServletRequest())).isNull();
	}

	private static MockHttpServletRequest request(String authorization) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader(HttpHeaders.AUTHORIZATION, authorization);
		return request;
	}

}
