package dev.springmfa.totp;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Base32}.
 */
class Base32Tests {

	@ParameterizedTest
	@CsvSource({ "'',''", "f,MY", "fo,MZXQ", "foo,MZXW6", "foob,MZXW6YQ", "fooba,MZXW6YTB", "foobar,MZXW6YTBOI" })
	void encodeWhenRfc4648VectorThenMatchesWithoutPadding(String plain, String encoded) {
		assertThat(Base32.encode(plain.getBytes(StandardCharsets.US_ASCII))).isEqualTo(encoded);
	}

	@ParameterizedTest
	@CsvSource({ "'',''", "MY======,f", "MZXQ====,fo", "MZXW6===,foo", "MZXW6YQ=,foob", "MZXW6YTB,fooba",
			"MZXW6YTBOI======,foobar" })
	void decodeWhenRfc4648VectorWithPaddingThenMatches(String encoded, String plain) {
		assertThat(Base32.decode(encoded)).isEqualTo(plain.getBytes(StandardCharsets.US_ASCII));
	}

	@Test
	void decodeWhenLowerCaseWithSpacesThenDecodes() {
		assertThat(Base32.decode("mzxw 6ytb oi")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
	}

	@Test
	void decodeWhenEncodedRandomBytesThenRoundTrips() {
		byte[] data = new byte[37];
		for (int i = 0; i < data.length; i++) {
			data[i] = (byte) (i * 73);
		}
		assertThat(Base32.decode(Base32.encode(data))).isEqualTo(data);
	}

	@Test
	void decodeWhenCharacterOutsideAlphabetThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> Base32.decode("MZXW1"));
		assertThatIllegalArgumentException().isThrownBy(() -> Base32.decode("MZ-XW"));
	}

}
