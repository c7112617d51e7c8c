package dev.springmfa.recovery;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RecoveryCodeGenerator}.
 */
class RecoveryCodeGeneratorTests {

	private static final String FORMAT = "^[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}$";

	private final RecoveryCodeGenerator generator = new RecoveryCodeGenerator();

	@Test
	void generateWhenCountGivenThenThatManyDistinctFormattedCodes() {
		List<String> codes = this.generator.generate(100);
		assertThat(codes).hasSize(100).doesNotHaveDuplicates().allMatch((code) -> code.matches(FORMAT));
	}

	@Test
	void generateWhenCalledTwiceThenDifferentCodes() {
		assertThat(this.generator.generate(10)).doesNotContainAnyElementsOf(this.generator.generate(10));
	}

	@Test
	void generateWhenCountOutOfRangeThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.generator.generate(0));
		assertThatIllegalArgumentException().isThrownBy(() -> this.generator.generate(101));
	}

	@Test
	void normalizeWhenCaseSpacesAndDashesDifferThenSameResult() {
		assertThat(RecoveryCodeGenerator.normalize("ABCD EFGH")).isEqualTo("abcdefgh");
		assertThat(RecoveryCodeGenerator.normalize("abcd-efgh")).isEqualTo("abcdefgh");
		assertThat(RecoveryCodeGenerator.normalize(" AbCd-EfGh ")).isEqualTo("abcdefgh");
		assertThat(RecoveryCodeGenerator.normalize("\tabcd\t-\tefgh")).isEqualTo("abcdefgh");
	}

	@Test
	void normalizeWhenLookAlikeLettersThenMappedToDigits() {
		assertThat(RecoveryCodeGenerator.normalize("IiLl-OoOo")).isEqualTo("11110000");
		assertThat(RecoveryCodeGenerator.isWellFormed(RecoveryCodeGenerator.normalize("IiLl-OoOo"))).isTrue();
	}

	@Test
	void normalizeWhenLetterUThenStaysInvalid() {
		String normalized = RecoveryCodeGenerator.normalize("uuuu-uuuu");
		assertThat(normalized).isEqualTo("uuuuuuuu");
		assertThat(RecoveryCodeGenerator.isWellFormed(normalized)).isFalse();
	}

	@Test
	void isWellFormedWhenGeneratedCodeNormalizedThenTrue() {
		for (String code : this.generator.generate(20)) {
			String normalized = RecoveryCodeGenerator.normalize(code);
			assertThat(RecoveryCodeGenerator.isWellFormed(normalized)).isTrue();
			assertThat(RecoveryCodeGenerator.format(normalized)).isEqualTo(code);
		}
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "", "abcdefg", "abcdefghj", "abcd-efgh", "ABCDEFGH", "abcdefg!", "abcdefgu", "abcdefg\u00e9" })
	void isWellFormedWhenMalformedThenFalse(String normalized) {
		assertThat(RecoveryCodeGenerator.isWellFormed(normalized)).isFalse();
	}

	@Test
	void formatWhenWellFormedThenDashInTheMiddle() {
		assertThat(RecoveryCodeGenerator.format("abcdefgh")).isEqualTo("abcd-efgh");
	}

	@Test
	void formatWhenMalformedThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> RecoveryCodeGenerator.format("abcdefg"));
	}

}
