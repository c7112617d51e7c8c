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

	private static final String FORMAT_WITH_ID = "^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$";

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
	void generateWithIdsWhenCountGivenThenCodesOfTenCharactersWhoseIdsDiffer() {
		List<String> codes = this.generator.generateWithIds(100);
		assertThat(codes).hasSize(100).allMatch((code) -> code.matches(FORMAT_WITH_ID));
		List<String> ids = codes.stream()
			.map((code) -> RecoveryCodeGenerator.idOf(RecoveryCodeGenerator.normalize(code)))
			.toList();
		assertThat(ids).doesNotContainNull().doesNotHaveDuplicates();
		assertThat(codes)
			.allMatch((code) -> code.startsWith(RecoveryCodeGenerator.idOf(RecoveryCodeGenerator.normalize(code))));
	}

	@Test
	void generateWithIdsWhenCountOutOfRangeThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.generator.generateWithIds(0));
		assertThatIllegalArgumentException().isThrownBy(() -> this.generator.generateWithIds(101));
	}

	@Test
	void idOfWhenCodeHasAnIdThenItsFirstTwoCharacters() {
		assertThat(RecoveryCodeGenerator.idOf(RecoveryCodeGenerator.normalize("AB3DE-F6H7K"))).isEqualTo("ab");
		assertThat(RecoveryCodeGenerator.idOf(RecoveryCodeGenerator.normalize("iO3de f6h7k"))).isEqualTo("10");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "abcdefgh", "abcdefghjkm", "abcdefghj", "ab3def6h7u", "ab3-def6h7" })
	void idOfWhenNoCodeWithAnIdThenNull(String normalized) {
		assertThat(RecoveryCodeGenerator.idOf(normalized)).isNull();
	}

	@Test
	void formatWhenCodeHasAnIdThenDashInTheMiddle() {
		assertThat(RecoveryCodeGenerator.format("ab3def6h7k")).isEqualTo("ab3de-f6h7k");
		for (String code : this.generator.generateWithIds(20)) {
			assertThat(RecoveryCodeGenerator.format(RecoveryCodeGenerator.normalize(code))).isEqualTo(code);
		}
	}

	@Test
	void formatWhenMalformedThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> RecoveryCodeGenerator.format("abcdefg"));
	}

}
