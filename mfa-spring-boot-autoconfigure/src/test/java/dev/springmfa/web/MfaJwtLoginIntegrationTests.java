package dev.springmfa.web;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.springmfa.audit.MfaAuditEventType;
import dev.springmfa.crypto.Hkdf;
import dev.springmfa.web.MfaHttpClient.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP contract in jwt mode: a completed login is a token pair, no session and no
 * CSRF, access tokens that carry the factors and their times, refresh rotation with reuse
 * detection, strict token kinds and revocation.
 */
@SpringBootTest(classes = MfaTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { AbstractMfaLoginIntegrationTests.PROPERTIES, "mfa.login.mode=jwt",
				"spring.datasource.url=jdbc:h2:mem:mfa-jwt;DB_CLOSE_DELAY=-1" })
@Import(MfaJwtLoginIntegrationTests.SuccessfulLogins.class)
class MfaJwtLoginIntegrationTests extends AbstractMfaLoginIntegrationTests {

	private static final byte[] KEY_MATERIAL = Base64.getDecoder()
		.decode("gRQP+S3aBi5IVcJfm2QQWhiijs17qGB6P2sy1KAISHw=");

	@Autowired
	SuccessfulLogins logins;

	@Autowired
	DataSource dataSource;

	@Override
	MfaHttpClient.Mode mode() {
		return MfaHttpClient.Mode.JWT;
	}

	@Override
	void assertLoginHandedOver(MfaHttpClient client, Response login) {
		assertThat(login.field("tokenType")).isEqualTo("Bearer");
		assertThat(login.body().get("expiresIn").asInt()).isEqualTo(900);
		assertThat(login.field("accessToken")).isNotBlank();
		assertThat(login.field("refreshToken")).isNotBlank();
		assertThat(login.header("Cache-Control")).isEqualTo("no-store");
		assertThat(client.setCookies()).isEmpty();
	}

	@Test
	void loginWhenJwtModeThenNoSessionNoCsrfAndTokensOnly() {
		assertThat(this.client.get("/api/auth/csrf").status()).isEqualTo(204);
		assertThat(this.client.post("/api/auth/login", credentials(PASSWORD), false).status()).isEqualTo(200);
		assertThat(this.client.get("/api/auth/mfa/status").status()).isEqualTo(200);
		assertThat(this.client.get("/api/auth/mfa/totp/activate").status()).isEqualTo(200);
		assertProblem(this.client.get("/api/admin/report"), 401, "mfa_required");
		assertThat(this.client.setCookies()).isEmpty();
		JsonNode claims = payload(this.client.accessToken());
		assertThat(claims.get("sub").asString()).isEqualTo(this.username);
		assertThat(claims.get("iss").asString()).isEqualTo("mfa-tests");
		assertThat(strings(claims.get("amr"))).containsExactly("pwd");
		assertThat(strings(claims.get("authorities"))).containsExactly("ROLE_USER", "MFA_NOT_ENROLLED");
		assertThat(header(this.client.accessToken()).get("typ").asString()).isEqualTo("at+jwt");
	}

	// NEL (U+0085) is one byte in ISO-8859-1, the charset of HTTP header values, and
	// passes Tomcat; the JDK's client would send it as "?", so the request goes raw.
	@Test
	void logWhenUserAgentHasNextLineThenTheAuditLineEscapesIt(CapturedOutput output) throws IOException {
		enableMfa();
		String forged = "event=VERIFY_SUCCEEDED user=" + this.username;
		byte[] body = credentials(PASSWORD).getBytes(StandardCharsets.UTF_8);
		String head = "POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Content-Length: " + body.length + "\r\nConnection: close\r\nUser-Agent: evil\u0085" + forged
				+ "\r\n\r\n";
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().write(body);
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
			assertThat(answer).startsWith("HTTP/1.1 200");
		}
		assertThat(output.getAll().split("\\R")).noneMatch((line) -> line.startsWith(forged));
		assertThat(output).contains("event=MFA_CHALLENGE_ISSUED user=" + this.username
				+ " ip=127.0.0.1 userAgent=\"evil\\u0085" + forged + "\"");
	}

	@Test
	void refreshAndCsrfThenNeitherStoredNorReferred() {
		login(this.client, PASSWORD);
		for (Response answer : List.of(this.client.refresh(), this.client.get("/api/auth/csrf"),
				this.client.post("/api/auth/token/refresh", "{\"refreshToken\":\"spent\"}"))) {
			assertThat(answer.header("Cache-Control")).as(answer.toString()).isEqualTo("no-store");
			assertThat(answer.header("Pragma")).as(answer.toString()).isEqualTo("no-cache");
			assertThat(answer.header("Referrer-Policy")).as(answer.toString()).isEqualTo("no-referrer");
		}
	}

	@Test
	void authenticatedEndpointWhenNoBearerTokenThenUnauthenticatedWithBearerChallenge() {
		Response refused = this.client.get("/api/auth/mfa/status");
		assertProblem(refused, 401, "unauthenticated");
		assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer");
	}

	@Test
	void accessTokenWhenMfaLoginThenCarriesBothFactorsWithTheirTimes() {
		String secret = enableMfa();
		MfaHttpClient browser = newClient();
		Instant passwordAt = this.clock.instant();
		String ephemeralToken = login(browser, PASSWORD).field("ephemeralToken");
		assertThat(browser.accessToken()).isNull();
		this.clock.advance(Duration.ofSeconds(30));
		Instant totpAt = this.clock.instant();
		assertThat(verify(browser, ephemeralToken, code(secret)).status()).isEqualTo(200);

		JsonNode claims = payload(browser.accessToken());
		assertThat(strings(claims.get("amr"))).containsExactly("pwd", "otp", "mfa");
		assertThat(claims.get("amr_times").get("pwd").asLong()).isEqualTo(passwordAt.getEpochSecond());
		assertThat(claims.get("amr_times").get("otp").asLong()).isEqualTo(totpAt.getEpochSecond());
		assertThat(claims.get("auth_time").asLong()).isEqualTo(totpAt.getEpochSecond());
		assertThat(factors(browser)).containsExactly("FACTOR_PASSWORD", "FACTOR_TOTP");
		assertThat(browser.get("/api/admin/report").status()).isEqualTo(200);
		assertThat(browser.get("/api/admin/recent").status()).isEqualTo(200);
	}

	@Test
	void refreshWhenTotpOlderThanStepUpWindowThenNewTokenKeepsTheOriginalTimes() {
		MfaHttpClient browser = twoStepLogin(enableMfa());
		JsonNode original = payload(browser.accessToken());
		this.clock.advance(Duration.ofMinutes(6));
		Response tooOld = browser.get("/api/admin/recent");
		assertProblem(tooOld, 401, "mfa_required");
		assertThat(tooOld.field("reason")).isEqualTo("expired");
		assertThat(tooOld.body().get("factors").toString()).isEqualTo("[\"FACTOR_TOTP\"]");

		Response refreshed = browser.refresh();
		assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
		assertThat(refreshed.body().has("mfaRequired")).isFalse();
		assertThat(refreshed.field("tokenType")).isEqualTo("Bearer");
		JsonNode renewed = payload(browser.accessToken());
		assertThat(renewed.get("iat").asLong()).isGreaterThan(original.get("iat").asLong());
		assertThat(renewed.get("amr")).isEqualTo(original.get("amr"));
		assertThat(renewed.get("amr_times")).isEqualTo(original.get("amr_times"));
		assertThat(factors(browser)).containsExactly("FACTOR_PASSWORD", "FACTOR_TOTP");
		assertThat(browser.get("/api/admin/report").status()).isEqualTo(200);
		assertProblem(browser.get("/api/admin/recent"), 401, "mfa_required");
	}

	@Test
	void refreshWhenRecoveryCodeLoginThenFactorsStayPasswordAndRecoveryCode() {
		enableMfa();
		String recoveryCode = this.client.get("/api/auth/mfa/recovery-codes").body().get("codes").get(0).asString();
		MfaHttpClient browser = newClient();
		verify(browser, login(browser, PASSWORD).field("ephemeralToken"), recoveryCode);
		assertThat(strings(payload(browser.accessToken()).get("amr"))).containsExactly("pwd", "recovery_code", "mfa");
		assertThat(browser.refresh().status()).isEqualTo(200);
		assertThat(factors(browser)).containsExactly("FACTOR_PASSWORD", "FACTOR_RECOVERY_CODE");
		assertProblem(browser.get("/api/admin/report"), 401, "mfa_required");
	}

	@Test
	void refreshWhenSpentTokenReusedThenWholeFamilyIsRevoked() {
		login(this.client, PASSWORD);
		MfaHttpClient otherDevice = newClient();
		login(otherDevice, PASSWORD);
		String stolen = this.client.refreshToken();
		assertThat(this.client.refresh().status()).isEqualTo(200);
		String victims = this.client.refreshToken();

		assertProblem(refresh(stolen), 401, "invalid_token");
		assertProblem(refresh(victims), 401, "invalid_token");
		assertThat(this.audit.typesOf(this.username)).contains(MfaAuditEventType.REFRESH_TOKEN_REUSED);
		assertThat(otherDevice.refresh().status()).isEqualTo(200);
	}

	@Test
	void refreshWhenTokenOfAnotherKindThenInvalidToken() {
		String secret = enableMfa();
		String accessToken = this.client.accessToken();
		String activationToken = newUserLoggedIn().get("/api/auth/mfa/totp/activate").field("activationToken");
		String ephemeralToken = login(newClient(), PASSWORD).field("ephemeralToken");
		assertProblem(refresh(accessToken), 401, "invalid_token");
		assertProblem(refresh(activationToken), 401, "invalid_token");
		assertProblem(refresh(ephemeralToken), 401, "invalid_token");
		assertProblem(refresh("not-a-token"), 401, "invalid_token");
		assertProblem(verify(newClient(), accessToken, code(secret)), 401, "invalid_token");
		assertProblem(verify(newClient(), this.client.refreshToken(), code(secret)), 401, "invalid_token");
	}

	@Test
	void activateWhenAccessOrRefreshTokenGivenAsActivationTokenThenInvalidToken() {
		MfaHttpClient other = newUserLoggedIn();
		String code = code(other.get("/api/auth/mfa/totp/activate").field("secret"));
		for (String wrongKind : new String[] { other.accessToken(), other.refreshToken() }) {
			assertProblem(
					other.post("/api/auth/mfa/totp/activate",
							"{\"activationToken\":\"" + wrongKind + "\",\"code\":\"" + code + "\"}"),
					400, "invalid_token");
		}
	}

	@Test
	void bearerWhenTokenOfAnotherKindThenInvalidToken() {
		enableMfa();
		String refreshToken = this.client.refreshToken();
		String activationToken = newUserLoggedIn().get("/api/auth/mfa/totp/activate").field("activationToken");
		String ephemeralToken = login(newClient(), PASSWORD).field("ephemeralToken");
		for (String wrongKind : new String[] { refreshToken, activationToken, ephemeralToken, "not-a-token" }) {
			MfaHttpClient client = newClient();
			client.accessToken(wrongKind);
			Response refused = client.get("/api/auth/user");
			assertProblem(refused, 401, "invalid_token");
			assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
		}
	}

	@Test
	void bearerWhenAccessTokenExpiredThenInvalidTokenUntilRefreshed() {
		login(this.client, PASSWORD);
		this.clock.advance(Duration.ofMinutes(15).plusSeconds(1));
		assertProblem(this.client.get("/api/auth/user"), 401, "invalid_token");
		assertThat(this.client.refresh().status()).isEqualTo(200);
		assertThat(factors(this.client)).containsExactly("FACTOR_PASSWORD");
	}

	@Test
	void refreshWhenRefreshTokenExpiredThenInvalidToken() {
		login(this.client, PASSWORD);
		this.clock.advance(Duration.ofDays(7).plusSeconds(1));
		assertProblem(this.client.refresh(), 401, "invalid_token");
	}

	@Test
	void bearerWhenSignatureTamperedThenInvalidToken() {
		login(this.client, PASSWORD);
		String token = this.client.accessToken();
		assertBearerRefused(tamper(token));
	}

	@Test
	void bearerWhenForgedThenOnlyTheRightKeyAndAlgorithmPass() throws Exception {
		login(this.client, PASSWORD);
		String[] parts = this.client.accessToken().split("\\.");
		ObjectNode header = (ObjectNode) header(this.client.accessToken());
		ObjectNode claims = (ObjectNode) payload(this.client.accessToken());
		claims.putArray("amr").add("pwd").add("otp").add("mfa");
		claims.withObject("amr_times").put("otp", this.clock.instant().getEpochSecond());
		byte[] rightKey = Hkdf.deriveKey(KEY_MATERIAL, "mfa-access-token", 32);

		MfaHttpClient control = newClient();
		control.accessToken(forge(header, claims, "HS256", "HmacSHA256", rightKey));
		assertThat(factors(control)).containsExactly("FACTOR_PASSWORD", "FACTOR_TOTP");

		assertBearerRefused(forge(header, claims, "HS256", "HmacSHA256", Hkdf.deriveKey(KEY_MATERIAL, "other", 32)));
		assertBearerRefused(forge(header, claims, "HS512", "HmacSHA512", rightKey));
		assertBearerRefused(
				forge(header, claims, "HS256", "HmacSHA256", Hkdf.deriveKey(KEY_MATERIAL, "mfa-refresh-token", 32)));
		assertBearerRefused(encode(header.put("alg", "none")) + "." + encode(claims) + ".");
		assertBearerRefused(parts[0] + "." + encode(claims) + "." + parts[2]);
	}

	@Test
	void bearerWhenIssuerOrAudienceOrTypeWrongThenInvalidToken() throws Exception {
		login(this.client, PASSWORD);
		byte[] rightKey = Hkdf.deriveKey(KEY_MATERIAL, "mfa-access-token", 32);
		ObjectNode header = (ObjectNode) header(this.client.accessToken());
		ObjectNode claims = (ObjectNode) payload(this.client.accessToken());
		assertBearerRefused(forge(header, claims.deepCopy().put("iss", "evil"), "HS256", "HmacSHA256", rightKey));
		assertBearerRefused(forge(header, claims.deepCopy().put("aud", "other-api"), "HS256", "HmacSHA256", rightKey));
		assertBearerRefused(forge(header.deepCopy().put("typ", "JWT"), claims, "HS256", "HmacSHA256", rightKey));
		assertBearerRefused(forge(header, claims.deepCopy().put("pur", "refresh"), "HS256", "HmacSHA256", rightKey));
	}

	@Test
	void logoutWhenRefreshTokenSentThenEveryRefreshTokenOfTheUserIsRevoked() {
		login(this.client, PASSWORD);
		MfaHttpClient otherDevice = newClient();
		login(otherDevice, PASSWORD);
		Response logout = this.client.post("/api/auth/logout",
				"{\"refreshToken\":\"" + this.client.refreshToken() + "\"}");
		assertThat(logout.status()).isEqualTo(204);
		assertProblem(this.client.refresh(), 401, "invalid_token");
		assertProblem(otherDevice.refresh(), 401, "invalid_token");
		assertThat(this.audit.typesOf(this.username)).contains(MfaAuditEventType.REFRESH_TOKENS_REVOKED);
		assertThat(this.client.setCookies()).isEmpty();
	}

	@Test
	void logoutWhenNoOrInvalidRefreshTokenThenStillNoContent() {
		login(this.client, PASSWORD);
		assertThat(this.client.post("/api/auth/logout", "").status()).isEqualTo(204);
		assertThat(this.client.post("/api/auth/logout", "{\"refreshToken\":\"junk\"}").status()).isEqualTo(204);
		assertThat(this.client.refresh().status()).isEqualTo(200);
	}

	@Test
	void deactivateWhenDoneThenRefreshTokensOfTheUserAreRevoked() {
		String secret = enableMfa();
		MfaHttpClient otherDevice = newClient();
		this.clock.advance(Duration.ofSeconds(30));
		verify(otherDevice, login(otherDevice, PASSWORD).field("ephemeralToken"), code(secret));
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(this.client.post("/api/auth/mfa/totp/deactivate", "{\"code\":\"" + code(secret) + "\"}").status())
			.isEqualTo(200);
		assertProblem(this.client.refresh(), 401, "invalid_token");
		assertProblem(otherDevice.refresh(), 401, "invalid_token");
	}

	@Test
	void regenerateWhenDoneThenRefreshTokensOfTheUserAreRevoked() {
		String secret = enableMfa();
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(this.client.post("/api/auth/mfa/recovery-codes/regenerate", "{\"code\":\"" + code(secret) + "\"}")
			.status()).isEqualTo(200);
		assertProblem(this.client.refresh(), 401, "invalid_token");
	}

	@Test
	void refreshWhenPasswordChangedOrUserDisabledThenInvalidToken() {
		login(this.client, PASSWORD);
		MfaHttpClient otherDevice = newClient();
		login(otherDevice, PASSWORD);
		this.users.updateUser(User.withUsername(this.username).password("{noop}new password").roles("USER").build());
		assertProblem(this.client.refresh(), 401, "invalid_token");
		this.users.updateUser(
				User.withUsername(this.username).password("{noop}" + PASSWORD).roles("USER").disabled(true).build());
		assertProblem(otherDevice.refresh(), 401, "invalid_token");
	}

	@Test
	void verifyThenTheLoginPublishedCarriesItsRecordedRefreshTokenButNotThePasswordHash() {
		MfaHttpClient browser = twoStepLogin(enableMfa());
		Authentication login = this.logins.last(this.username, "FACTOR_TOTP");
		assertThat(login.isAuthenticated()).isTrue();
		assertThat(login.getPrincipal()).isInstanceOfSatisfying(UserDetails.class,
				(user) -> assertThat(user.getPassword()).isNull());
		String refreshToken = Objects.requireNonNull(browser.refreshToken());
		String fingerprint = payload(refreshToken).get("pwf").asString();
		assertThat(fingerprint).isNotBlank();
		assertThat(login.getCredentials()).isNotNull().isNotInstanceOf(String.class);
		assertThat(login.toString()).doesNotContain(fingerprint, payload(refreshToken).get("jti").asString(),
				this.users.loadUserByUsername(this.username).getPassword());
	}

	@Test
	void twoStepLoginWhenDueThenDeletesTheRowsOfRefreshTokensThatExpired() {
		login(this.client, PASSWORD);
		String expiredTokenId = payload(Objects.requireNonNull(this.client.refreshToken())).get("jti").asString();
		String secret = enableMfa();
		this.clock.advance(Duration.ofDays(7).plusMinutes(2));
		assertThat(refreshTokenRows(expiredTokenId)).isOne();
		twoStepLogin(secret);
		assertThat(refreshTokenRows(expiredTokenId)).isZero();
	}

	private int refreshTokenRows(String tokenId) {
		Integer rows = new JdbcTemplate(this.dataSource)
			.queryForObject("select count(*) from mfa_refresh_token where id = ?", Integer.class, tokenId);
		return Objects.requireNonNull(rows);
	}

	@Test
	void refreshWhenPasswordChangedSinceTwoStepLoginThenInvalidToken() {
		MfaHttpClient browser = twoStepLogin(enableMfa());
		assertThat(browser.refresh().status()).isEqualTo(200);
		this.users.updateUser(User.withUsername(this.username).password("{noop}new password").roles("USER").build());
		assertProblem(browser.refresh(), 401, "invalid_token");
	}

	@Test
	void refreshWhenUserDisabledThenTokenNotSpentAndGoodOnceEnabledAgain() {
		login(this.client, PASSWORD);
		// As stored after the login, which may have upgraded the hash's encoding.
		UserDetails stored = this.users.loadUserByUsername(this.username);
		this.users.updateUser(User.withUserDetails(stored).disabled(true).build());
		assertProblem(this.client.refresh(), 401, "invalid_token");
		this.users.updateUser(User.withUserDetails(stored).build());
		assertThat(this.client.refresh().status()).isEqualTo(200);
	}

	@Test
	void refreshWhenBodyInvalidThenValidationFailed() {
		assertProblem(this.client.post("/api/auth/token/refresh", "{oops"), 400, "validation_failed");
		assertProblem(this.client.post("/api/auth/token/refresh", "{}"), 400, "validation_failed");
		assertProblem(this.client.post("/api/auth/token/refresh", "{\"refreshToken\":\"" + "a".repeat(20_000) + "\"}"),
				413, "payload_too_large");
	}

	private MfaHttpClient newUserLoggedIn() {
		MfaHttpClient other = newUserClient();
		login(other, PASSWORD);
		return other;
	}

	private Response refresh(String refreshToken) {
		return newClient().post("/api/auth/token/refresh", "{\"refreshToken\":\"" + refreshToken + "\"}");
	}

	private void assertBearerRefused(String token) {
		MfaHttpClient client = newClient();
		client.accessToken(token);
		assertProblem(client.get("/api/auth/user"), 401, "invalid_token");
	}

	private static JsonNode header(String token) {
		return part(token, 0);
	}

	private static JsonNode payload(String token) {
		return part(token, 1);
	}

	private static JsonNode part(String token, int index) {
		return MfaHttpClient.json.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[index]));
	}

	private static String forge(JsonNode header, JsonNode claims, String alg, String macAlgorithm, byte[] key)
			throws Exception {
		String signingInput = encode(((ObjectNode) header.deepCopy()).put("alg", alg)) + "." + encode(claims);
		Mac mac = Mac.getInstance(macAlgorithm);
		mac.init(new SecretKeySpec(key, macAlgorithm));
		byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
		return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
	}

	private static String encode(JsonNode json) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(MfaHttpClient.json.writeValueAsString(json).getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void activationWhenJwtModeThenAnswerCarriesTokensWithTotpAndEarlierRefreshTokensAreRevoked() {
		MfaHttpClient other = newClient();
		login(other, PASSWORD);
		login(this.client, PASSWORD);
		Response activation = this.client.get("/api/auth/mfa/totp/activate");
		Response confirmed = activate(activation.field("activationToken"), code(activation.field("secret")));
		assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
		assertThat(confirmed.field("accessToken")).isNotBlank();
		assertThat(confirmed.field("tokenType")).isEqualTo("Bearer");
		assertThat(factors(this.client)).containsExactly("FACTOR_PASSWORD", "FACTOR_TOTP");
		assertThat(this.client.get("/api/auth/mfa/recovery-codes").status()).isEqualTo(200);
		assertProblem(other.refresh(), 401, "invalid_token");
	}

	// A new client logged in through both steps, with a code of the next time step.
	private MfaHttpClient twoStepLogin(String secret) {
		MfaHttpClient browser = newClient();
		String ephemeralToken = login(browser, PASSWORD).field("ephemeralToken");
		this.clock.advance(Duration.ofSeconds(30));
		verify(browser, ephemeralToken, code(secret));
		return browser;
	}

	static class SuccessfulLogins implements ApplicationListener<AuthenticationSuccessEvent> {

		private final List<Authentication> logins = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(AuthenticationSuccessEvent event) {
			this.logins.add(event.getAuthentication());
		}

		Authentication last(String username, String factor) {
			List<Authentication> matching = this.logins.stream()
				.filter((login) -> login.getName().equals(username))
				.filter((login) -> login.getAuthorities().stream().anyMatch((a) -> factor.equals(a.getAuthority())))
				.toList();
			assertThat(matching).isNotEmpty();
			return matching.get(matching.size() - 1);
		}

	}

}
