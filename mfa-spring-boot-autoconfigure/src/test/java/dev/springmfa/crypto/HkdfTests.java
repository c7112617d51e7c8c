package dev.springmfa.crypto;

import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.SecretKey;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Hkdf}.
 */
class HkdfTests {

	private static final HexFormat HEX = HexFormat.of();

	@Test
	void deriveWhenRfc5869TestCase1ThenMatchesExpectedOutput() {
		byte[] ikm = filled(22, 0x0b);
		byte[] salt = HEX.parseHex("000102030405060708090a0b0c");
		byte[] info = HEX.parseHex("f0f1f2f3f4f5f6f7f8f9");
		byte[] okm = Hkdf.derive(salt, ikm, info, 42);
		assertThat(HEX.formatHex(okm))
			.isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
	}

	@Test
	void deriveWhenRfc5869TestCase3WithEmptySaltAndInfoThenMatchesExpectedOutput() {
		byte[] okm = Hkdf.derive(new byte[0], filled(22, 0x0b), new byte[0], 42);
		assertThat(HEX.formatHex(okm))
			.isEqualTo("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
	}

	@Test
	void deriveKeyWhenSameInputThenEqualsDeriveWithEmptySalt() {
		byte[] ikm = filled(32, 0x42);
		byte[] key = Hkdf.deriveKey(ikm, "jwt-signing", 32);
		assertThat(key).hasSize(32).isEqualTo(Hkdf.derive(new byte[0], ikm, "jwt-signing".getBytes(), 32));
	}

	@Test
	void deriveKeyWhenDifferentInfoThenDifferentKeys() {
		byte[] ikm = filled(32, 0x42);
		assertThat(Hkdf.deriveKey(ikm, "a", 32)).isNotEqualTo(Hkdf.deriveKey(ikm, "b", 32));
	}

	@Test
	void deriveKeyWhenLengthOutOfRangeThenException() {
		byte[] ikm = filled(32, 0x42);
		assertThatIllegalArgumentException().isThrownBy(() -> Hkdf.deriveKey(ikm, "info", 0));
		assertThatIllegalArgumentException().isThrownBy(() -> Hkdf.deriveKey(ikm, "info", 255 * 32 + 1));
	}

	@Test
	void hmacSha256KeyWhenPurposeGivenThenTheDerivedKeyOfThatPurpose() {
		byte[] keyMaterial = filled(32, 0x42);
		SecretKey key = Hkdf.hmacSha256Key(keyMaterial, "mfa-token-signing");
		assertThat(key.getAlgorithm()).isEqualTo("HmacSHA256");
		assertThat(key.getEncoded()).isEqualTo(Hkdf.deriveKey(keyMaterial, "mfa-token-signing", 32));
		assertThat(Hkdf.hmacSha256Key(keyMaterial, "mfa-refresh-token").getEncoded()).isNotEqualTo(key.getEncoded());
	}

	@Test
	void hmacSha256KeyWhenKeyMaterialShorterThan256BitsThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Hkdf.hmacSha256Key(filled(31, 0x42), "purpose"))
			.withMessage("keyMaterial must have at least 256 bits");
	}

	@Test
	void hmacSha256KeyWhenPurposeEmptyThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Hkdf.hmacSha256Key(filled(32, 0x42), ""))
			.withMessage("purpose cannot be empty");
	}

	private static byte[] filled(int length, int value) {
		byte[] bytes = new byte[length];
		Arrays.fill(bytes, (byte) value);
		return bytes;
	}

}
