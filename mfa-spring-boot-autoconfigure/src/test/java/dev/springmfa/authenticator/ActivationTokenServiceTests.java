package dev.springmfa.authenticator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.springmfa.InvalidMfaTokenException;
import dev.springmfa.MfaErrorCode;
import dev.springmfa.crypto.SecretEncryptor;
import dev.springmfa.token.EphemeralToken;
import dev.springmfa.token.MfaTokenService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ActivationTokenServiceTests {

	private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	private final ActivationTokenService tokens = new ActivationTokenService(KEY,
			SecretEncryptor.aesGcm(KEY, List.of()), Duration.ofMinutes(10), this.clock);

	@Test
	void parseActivationTokenWhenEphemeralTokenThenInvalidToken() {
		String ephemeral = new MfaTokenService(KEY, Duration.ofMinutes(5), this.clock)
			.issueEphemeralToken("alice", "alice", null, new EphemeralToken.Binding(1, 0, 0))
			.value();
		assertInvalidToken(() -> this.tokens.parseActivationToken(ephemeral, "alice"));
	}

	@Test
	void parseActivationTokenWhenOtherUserThenInvalidToken() {
		String activation = this.tokens.issueActivationToken("alice", new byte[20]);
		assertInvalidToken(() -> this.tokens.parseActivationToken(activation, "mallory"));
	}

	@Test
	void parseActivationTokenWhenIssuedThenSecretRoundTripsAndIsNotInClear() {
		byte[] secret = "a secret of twenty!!".getBytes(StandardCharsets.US_ASCII);
		String activation = this.tokens.issueActivationToken("alice", secret);
		assertThat(this.tokens.parseActivationToken(activation, "alice")).isEqualTo(secret);
		String payload = new String(Base64.getUrlDecoder().decode(activation.split("\\.")[1]), StandardCharsets.UTF_8);
		assertThat(payload).doesNotContain(Base64.getEncoder().encodeToString(secret)).doesNotContain("a secret");
	}

	@Test
	void parseActivationTokenWhenExpiredThenInvalidToken() {
		String activation = this.tokens.issueActivationToken("alice", new byte[20]);
		ActivationTokenService later = new ActivationTokenService(KEY, SecretEncryptor.aesGcm(KEY, List.of()),
				Duration.ofMinutes(10), Clock.fixed(NOW.plus(Duration.ofMinutes(11)), ZoneOffset.UTC));
		assertInvalidToken(() -> later.parseActivationToken(activation, "alice"));
	}

	private static void assertInvalidToken(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
		assertThatExceptionOfType(InvalidMfaTokenException.class).isThrownBy(call)
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(MfaErrorCode.INVALID_TOKEN));
	}

}
