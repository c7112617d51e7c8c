package dev.springmfa.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import dev.springmfa.MfaErrorCode;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class MfaHttpMessagesTests {

	private final ValidatorFactory validation = Validation.buildDefaultValidatorFactory();

	private final MfaHttpMessages messages = new MfaHttpMessages(JsonMapper.builder().build(),
			this.validation.getValidator(), 64);

	@AfterEach
	void closeValidation() {
		this.validation.close();
	}

	@Test
	void readWhenJsonWithUnknownFieldsThenBody() {
		MfaRequests.Code body = this.messages
			.read(request("application/json;charset=UTF-8", "{\"code\":\"1\",\"x\":2}"), MfaRequests.Code.class);
		assertThat(body.code()).isEqualTo("1");
		assertThat(
				this.messages.read(request("application/vnd.example+json", "{\"code\":\"2\"}"), MfaRequests.Code.class)
					.code())
			.isEqualTo("2");
	}

	@Test
	void readWhenNotJsonThenUnsupportedMediaType() {
		assertRefused(request("text/plain", "{\"code\":\"1\"}"), MfaErrorCode.UNSUPPORTED_MEDIA_TYPE);
		assertRefused(request(null, "{\"code\":\"1\"}"), MfaErrorCode.UNSUPPORTED_MEDIA_TYPE);
		assertRefused(request("not a media type", "{\"code\":\"1\"}"), MfaErrorCode.UNSUPPORTED_MEDIA_TYPE);
	}

	@Test
	void readWhenMalformedEmptyOrInvalidThenValidationFailed() {
		assertRefused(request("application/json", "{not json"), MfaErrorCode.VALIDATION_FAILED);
		assertRefused(request("application/json", ""), MfaErrorCode.VALIDATION_FAILED);
		assertRefused(request("application/json", "null"), MfaErrorCode.VALIDATION_FAILED);
		assertThat(assertRefused(request("application/json", "{\"code\":\" \"}"), MfaErrorCode.VALIDATION_FAILED)
			.getErrors()).containsOnlyKeys("code");
	}

	@ParameterizedTest
	@ValueSource(strings = { "175408", "true", "false", "1.5", "[\"1\"]", "{\"code\":\"1\"}" })
	void readWhenFieldIsNotAStringThenValidationFailedNamingIt(String value) {
		MfaRequestException refused = assertRefused(request("application/json", "{\"code\":" + value + "}"),
				MfaErrorCode.VALIDATION_FAILED);
		assertThat(refused.getErrors()).containsOnlyKeys("code");
	}

	@Test
	void readWhenUsernameIsANumberThenValidationFailedNamingIt() {
		MfaRequestException refused = assertRefused(
				request("application/json", "{\"username\":12345,\"password\":\"x\"}"), MfaRequests.Login.class,
				MfaErrorCode.VALIDATION_FAILED);
		assertThat(refused.getErrors()).containsExactly(entry("username", "must be a string"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "\\u0000", "\\n", "\\r", "\\t", "\\u000b", "\\u000c", "\\u001f", "\\u007f", "\\u0085",
			"\\u009f", "\\u2028", "\\u2029" })
	void readWhenControlCharacterOrLineBreakThenValidationFailed(String escaped) {
		String body = "{\"username\":\"alice" + escaped + "\",\"password\":\"x\"}";
		assertThat(assertRefused(request("application/json", body), MfaRequests.Login.class,
				MfaErrorCode.VALIDATION_FAILED)
			.getErrors()).containsExactly(entry("username", "must not contain control characters or line breaks"));
		assertThat(assertRefused(request("application/json", "{\"code\":\"123" + escaped + "456\"}"),
				MfaErrorCode.VALIDATION_FAILED)
			.getErrors()).containsOnlyKeys("code");
		assertThat(assertRefused(
				request("application/json", "{\"ephemeralToken\":\"a.b" + escaped + ".c\",\"code\":\"123456\"}"),
				MfaRequests.Verify.class, MfaErrorCode.VALIDATION_FAILED)
			.getErrors()).containsOnlyKeys("ephemeralToken");
		assertThat(assertRefused(request("application/json", "{\"refreshToken\":\"" + escaped + "\"}"),
				MfaRequests.Refresh.class, MfaErrorCode.VALIDATION_FAILED)
			.getErrors()).containsOnlyKeys("refreshToken");
	}

	@Test
	void readWhenPrintableUnicodeThenBody() {
		MfaRequests.Login login = this.messages.read(
				request("application/json", "{\"username\":\"z\u00f6e \u738b\",\"password\":\"p\"}"),
				MfaRequests.Login.class);
		assertThat(login.username()).isEqualTo("z\u00f6e \u738b");
	}

	@Test
	void readWhenDeclaredLengthOverTheLimitThenPayloadTooLarge() {
		assertRefused(request("application/json", "{\"code\":\"" + "1".repeat(100) + "\"}"),
				MfaErrorCode.PAYLOAD_TOO_LARGE);
	}

	// As a logout request outside the MFA endpoints reaches it, without the size filter.
	@Test
	void readWhenChunkedBodyRunsOverTheLimitThenPayloadTooLarge() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/logout") {

			@Override
			public ServletInputStream getInputStream() {
				return chunked(("{\"code\":\"" + "1".repeat(100) + "\"}").getBytes(StandardCharsets.UTF_8));
			}

		};
		request.setContentType("application/json");
		assertThat(request.getContentLengthLong()).isEqualTo(-1);
		assertRefused(request, MfaErrorCode.PAYLOAD_TOO_LARGE);
	}

	@Test
	void writeThenJsonNotToBeCached() throws IOException {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.messages.write(response, new CsrfTokenResponse("X-XSRF-TOKEN", "t"));
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentType()).isEqualTo("application/json");
		assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
		assertThat(response.getHeader("Pragma")).isEqualTo("no-cache");
		assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
		assertThat(response.getContentAsString()).isEqualTo("{\"headerName\":\"X-XSRF-TOKEN\",\"token\":\"t\"}");
	}

	@Test
	void writeNoContentThenTheSameHeaders() throws IOException {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.messages.writeNoContent(response);
		assertThat(response.getStatus()).isEqualTo(204);
		assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
		assertThat(response.getHeader("Pragma")).isEqualTo("no-cache");
		assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
		assertThat(response.getContentLength()).isZero();
	}

	@Test
	void writeWhenLoginInSessionModeThenNoTokenMembers() throws IOException {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.messages.write(response, LoginResponse.complete("alice"));
		assertThat(response.getContentAsString()).isEqualTo("{\"mfaRequired\":false,\"username\":\"alice\"}");
		MockHttpServletResponse jwt = new MockHttpServletResponse();
		this.messages.write(jwt, LoginResponse.complete("alice", new TokenResponse("a", "r", "Bearer", 900)));
		assertThat(jwt.getContentAsString()).isEqualTo("{\"mfaRequired\":false,\"username\":\"alice\","
				+ "\"accessToken\":\"a\",\"refreshToken\":\"r\",\"tokenType\":\"Bearer\",\"expiresIn\":900}");
	}

	private MfaRequestException assertRefused(MockHttpServletRequest request, MfaErrorCode code) {
		return assertRefused(request, MfaRequests.Code.class, code);
	}

	private MfaRequestException assertRefused(MockHttpServletRequest request, Class<?> type, MfaErrorCode code) {
		MfaRequestException refused = null;
		try {
			this.messages.read(request, type);
		}
		catch (MfaRequestException ex) {
			refused = ex;
		}
		assertThat(refused).as("refused with %s", code).isNotNull();
		assertThat(refused.getErrorCode()).isEqualTo(code);
		return refused;
	}

	private static MockHttpServletRequest request(String contentType, String body) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/auth/mfa/step-up");
		request.setContentType(contentType);
		request.setContent(body.getBytes(StandardCharsets.UTF_8));
		return request;
	}

	private static ServletInputStream chunked(byte[] body) {
		ByteArrayInputStream in = new ByteArrayInputStream(body);
		return new ServletInputStream() {

			@Override
			public int read() {
				return in.read();
			}

			@Override
			public boolean isFinished() {
				return in.available() == 0;
			}

			@Override
			public boolean isReady() {
				return true;
			}

			@Override
			public void setReadListener(ReadListener listener) {
			}

		};
	}

}
