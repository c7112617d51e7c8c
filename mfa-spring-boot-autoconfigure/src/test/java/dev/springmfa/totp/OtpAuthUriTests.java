package dev.springmfa.totp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OtpAuthUri}.
 */
class OtpAuthUriTests {

	// Decodes to the well-known example secret JBSWY3DPEHPK3PXP
	private static final byte[] SECRET = "Hello!\u00de\u00ad\u00be\u00ef".getBytes(StandardCharsets.ISO_8859_1);

	@Test
	void ofWhenPlainValuesThenKeyUriFormat() {
		String uri = OtpAuthUri.of("Example", "alice", SECRET, TotpAlgorithm.SHA1, 6, Duration.ofSeconds(30));
		assertThat(uri).isEqualTo(
				"otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example&algorithm=SHA1&digits=6&period=30");
	}

	@Test
	void ofWhenIssuerAndAccountHaveReservedCharactersThenPercentEncoded() {
		String uri = OtpAuthUri.of("ACME Co: Dev", "alice smith@example.com", SECRET, TotpAlgorithm.SHA256, 8,
				Duration.ofSeconds(60));
		assertThat(uri).isEqualTo("otpauth://totp/ACME%20Co%3A%20Dev:alice%20smith%40example.com"
				+ "?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co%3A%20Dev&algorithm=SHA256&digits=8&period=60");
		assertThat(uri).doesNotContain("+");
	}

	@Test
	void ofWhenNonAsciiAccountThenUtf8PercentEncoded() {
		String uri = OtpAuthUri.of("Example", "j\u00fcrgen", SECRET, TotpAlgorithm.SHA1, 6, Duration.ofSeconds(30));
		assertThat(uri).startsWith("otpauth://totp/Example:j%C3%BCrgen?");
	}

	@Test
	void ofWhenSecretGivenThenSecretParameterIsBase32OfSecret() {
		byte[] secret = new TotpSecretGenerator(TotpAlgorithm.SHA1).generate();
		String uri = OtpAuthUri.of("Example", "alice", secret, TotpAlgorithm.SHA1, 6, Duration.ofSeconds(30));
		String parameter = uri.replaceAll(".*[?&]secret=([^&]*).*", "$1");
		assertThat(parameter).isEqualTo(Base32.encode(secret)).doesNotContain("=");
		assertThat(Base32.decode(parameter)).isEqualTo(secret);
	}

}
