package dev.springmfa.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.springmfa.authentication.MfaChallenge;
import dev.springmfa.authentication.MfaCodeAuthenticationToken;
import dev.springmfa.authenticator.TotpAuthenticatorService.UnusedRecoveryCodes;
import dev.springmfa.authenticator.TotpEnrollmentService.TotpActivation;
import dev.springmfa.crypto.EncryptedValue;
import dev.springmfa.jwt.RefreshToken;
import dev.springmfa.jwt.TokenPair;
import dev.springmfa.recovery.StoredRecoveryCode;
import dev.springmfa.token.EphemeralToken;
import dev.springmfa.token.IssuedToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request body, answer and record that carries a password, code, token or secret
 * leaves it out of {@code toString()}: Spring MVC logs bodies at DEBUG, and records end
 * up in log lines and exception messages.
 */
class SecretRedactionTests {

	private static final String PASSWORD = "password-7Hq2";

	private static final String CODE = "code-175408";

	private static final String TOKEN = "token-eyJhbGciOi";

	private static final String OTHER_TOKEN = "token-refresh-9vX";

	private static final String SECRET = "secret-JBSWY3DPEHPK3PXP";

	private static final String FINGERPRINT = "fingerprint-Zm9v";

	@Test
	void requestBodiesHideTheirSecrets() {
		assertRedacted(new MfaRequests.Login("alice", PASSWORD), "Login[username=alice]");
		assertRedacted(new MfaRequests.Verify(TOKEN, CODE), "Verify[]");
		assertRedacted(new MfaRequests.Activate(TOKEN, CODE), "Activate[]");
		assertRedacted(new MfaRequests.Code(CODE), "Code[]");
		assertRedacted(new MfaRequests.Refresh(TOKEN), "Refresh[]");
	}

	@Test
	void answersHideTheirSecrets() {
		TokenResponse tokens = new TokenResponse(TOKEN, OTHER_TOKEN, "Bearer", 900);
		assertRedacted(tokens, "TokenResponse[expiresIn=900]");
		assertRedacted(LoginResponse.complete("alice", tokens), "LoginResponse[");
		assertRedacted(new ChallengeResponse(true, TOKEN, MfaChallenge.METHODS, 300), "ChallengeResponse[");
		assertRedacted(new EnrollmentResponse(SECRET, "otpauth://totp/Acme:alice?secret=" + SECRET,
				"data:image/png;base64,", TOKEN), "EnrollmentResponse[");
		assertRedacted(new ActivationResponse(true, List.of(CODE), tokens), "ActivationResponse[enabled=true]");
		assertRedacted(RecoveryCodesResponse.of(List.of(CODE)), "RecoveryCodesResponse[remaining=1]");
		assertRedacted(new CsrfTokenResponse("X-XSRF-TOKEN", TOKEN), "CsrfTokenResponse[headerName=X-XSRF-TOKEN]");
	}

	@Test
	void coreRecordsHideTheirSecrets() {
		assertRedacted(new TokenPair(TOKEN, OTHER_TOKEN, Duration.ofMinutes(15)), "TokenPair[");
		assertRedacted(new TotpActivation(SECRET, "otpauth://totp/Acme:alice?secret=" + SECRET, "data:", TOKEN),
				"TotpActivation[");
		assertRedacted(new MfaChallenge(TOKEN, MfaChallenge.METHODS, Duration.ofMinutes(5)), "MfaChallenge[");
		EphemeralToken ephemeral = new EphemeralToken("id-1", "alice", "alice", FINGERPRINT,
				new EphemeralToken.Binding(1, 0, 0), Instant.EPOCH, Instant.EPOCH);
		assertRedacted(ephemeral, "EphemeralToken[id=id-1");
		assertRedacted(new IssuedToken<>(ephemeral, TOKEN, Duration.ofMinutes(5)), "IssuedToken[");
		assertRedacted(new RefreshToken("id-1", "family-1", "alice", "alice", FINGERPRINT, List.of(), Instant.EPOCH,
				Instant.EPOCH), "RefreshToken[id=id-1");
		assertRedacted(new EncryptedValue("k1", SECRET.getBytes()), "EncryptedValue[keyId=k1]");
		assertRedacted(new UnusedRecoveryCodes(List.of(CODE), 1), "UnusedRecoveryCodes[remaining=1]");
		assertRedacted(new StoredRecoveryCode.Hashed("ab", "k1", SECRET, FINGERPRINT), "Hashed[codeId=ab, keyId=k1]");
		assertRedacted(new MfaCodeAuthenticationToken(TOKEN, CODE), "MfaCodeAuthenticationToken");
	}

	static void assertRedacted(Object value, String prefix) {
		assertThat(value.toString()).startsWith(prefix)
			.doesNotContain(PASSWORD)
			.doesNotContain(CODE)
			.doesNotContain(TOKEN)
			.doesNotContain(OTHER_TOKEN)
			.doesNotContain(SECRET)
			.doesNotContain(FINGERPRINT);
	}

}
