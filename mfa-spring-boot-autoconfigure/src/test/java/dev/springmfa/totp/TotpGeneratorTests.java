package dev.springmfa.totp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link TotpGenerator}.
 */
class TotpGeneratorTests {

	private static final byte[] SHA1_SEED = ascii("12345678901234567890");

	private static final Duration PERIOD = Duration.ofSeconds(30);

	private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

	@ParameterizedTest
	@CsvSource({ "59, SHA1, 94287082", "59, SHA256, 46119246", "59, SHA512, 90693936", "1111111109, SHA1, 07081804",
			"1111111109, SHA256, 68084774", "1111111109, SHA512, 25091201", "1111111111, SHA1, 14050471",
			"1111111111, SHA256, 67062674", "1111111111, SHA512, 99943326", "1234567890, SHA1, 89005924",
			"1234567890, SHA256, 91819424", "1234567890, SHA512, 93441116", "2000000000, SHA1, 69279037",
			"2000000000, SHA256, 90698825", "2000000000, SHA512, 38618901", "20000000000, SHA1, 65353130",
			"20000000000, SHA256, 77737706", "20000000000, SHA512, 47863826" })
	void generateWhenRfc6238VectorThenMatches(long epochSecond, TotpAlgorithm algorithm, String expected) {
		TotpGenerator generator = new TotpGenerator(algorithm, 8, PERIOD, 1);
		byte[] seed = switch (algorithm) {
			case SHA1 -> SHA1_SEED;
			case SHA256 -> ascii("12345678901234567890123456789012");
			case SHA512 -> ascii("1234567890123456789012345678901234567890123456789012345678901234");
		};
		Instant instant = Instant.ofEpochSecond(epochSecond);
		assertThat(generator.generate(seed, instant)).isEqualTo(expected);
		assertThat(generator.verify(seed, expected, instant)).hasValue(generator.timeStep(instant));
	}

	@ParameterizedTest
	@CsvSource({ "0, 755224", "1, 287082", "2, 359152", "3, 969429", "4, 338314", "5, 254676", "6, 287922", "7, 162583",
			"8, 399871", "9, 520489" })
	void generateWhenRfc4226CounterThenMatchesHotpValue(long counter, String expected) {
		TotpGenerator generator = new TotpGenerator(TotpAlgorithm.SHA1, 6, PERIOD, 0);
		assertThat(generator.generate(SHA1_SEED, counter)).isEqualTo(expected);
	}

	@Test
	void timeStepWhenInstantGivenThenFloorOfEpochSecondsByPeriod() {
		TotpGenerator generator = new TotpGenerator(TotpAlgorithm.SHA1, 6, PERIOD, 1);
		assertThat(generator.timeStep(Instant.ofEpochSecond(59))).isEqualTo(1);
		assertThat(generator.timeStep(Instant.ofEpochSecond(60))).isEqualTo(2);
		assertThat(generator.timeStep(Instant.ofEpochSecond(-1))).isEqualTo(-1);
	}

	@Test
	void verifyWhenCodeFromCurrentStepThenMatches() {
		TotpGenerator generator = new TotpGenerator(TotpAlgorithm.SHA1, 6, PERIOD, 1);
		String code = generator.generate(SHA1_SEED, NOW);
		assertThat(generator.verify(SHA1_SEED, code, NOW)).hasValue(generator.timeStep(NOW));
	}

	@Test
	void verifyWhenCodeFromPreviousStepThenMatchesThatStep() {
		TotpGenerator generator = new TotpGenerator(TotpAlgorithm.SHA1, 6, PERIOD, 1);
		long step = generator.timeStep(NOW);
		String code = generator.generate(SHA1_SEED, step - 1);
		assertThat(generator.verify(SHA1_SEED, code, NOW)).hasValue(step - 1);
	}

	@Test
	void verifyWhenCodeFromNextStepThenMatchesThatStep() {
		TotpGenerator generator = new TotpGenerator(TotpAlgorithm.SHA1, 6, PERIOD, 1);
		long step = generator.timeStep(NOW);
		String code = generator.generate(SHA1_SEED, step + 1);
		assertThat(generator.verify(SHA1_SEED, code, NOW)).hasValue(step + 1);
	}

	@Test
	void verifyWhenCodeTwoStepsOldThenDoesNotMatch() {
		TotpGenerator generator = new TotpGenerator(TotpAlgorithm.SHA1, 6, PERIOD, 1);
		String code = generator.generate(SHA1_SEED, generator.timeStep(NOW) - 2);
		assertThat(generator.verify(SHA1_SEED, code, NOW)).isEmpty();
	}

	@Test
	void verifyWhenNoDriftAllowedAndCodeFromPreviousStepThenDoesNotMatch() {
		TotpGenerator generator = new TotpGenerator(TotpAlgorithm.SHA1, 6, PERIOD, 0);
		String code = generator.generate(SHA1_SEED, generator.timeStep(NOW) - 1);
		assertThat(generator.verify(SHA1_SEED, code, NOW)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "12345", "1234567", "12345a", "12 345", "-12345", "１２３４５６" })
	void verifyWhenCodeMalformedThenDoesNotMatch(String code) {
		TotpGenerator generator = new TotpGenerator(TotpAlgorithm.SHA1, 6, PERIOD, 1);
		assertThat(generator.verify(SHA1_SEED, code, NOW)).isEmpty();
	}

	@Test
	void verifyWhenCodeIsCorrectButWithSurroundingSpaceThenDoesNotMatch() {
		TotpGenerator generator = new TotpGenerator(TotpAlgorithm.SHA1, 6, PERIOD, 1);
		String code = generator.generate(SHA1_SEED, NOW);
		assertThat(generator.verify(SHA1_SEED, " " + code, NOW)).isEmpty();
	}

	@Test
	void verifyWhenCalledFromSeveralThreadsAtOnceThenAnswersAsAlone() throws Exception {
		TotpGenerator generator = new TotpGenerator(TotpAlgorithm.SHA1, 6, PERIOD, 1);
		int threads = 4;
		int checks = 300;
		List<byte[]> secrets = new ArrayList<>();
		List<List<OptionalLong>> expected = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			byte[] secret = new byte[20];
			for (int i = 0; i < secret.length; i++) {
				secret[i] = (byte) (31 * i + 7 * t + 1);
			}
			secrets.add(secret);
			List<OptionalLong> answers = new ArrayList<>();
			for (int i = 0; i < checks; i++) {
				answers.add(generator.verify(secret, codeToCheck(generator, secret, i), instantOfCheck(i)));
			}
			expected.add(answers);
		}
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CyclicBarrier start = new CyclicBarrier(threads);
			List<Future<List<OptionalLong>>> results = new ArrayList<>();
			for (byte[] secret : secrets) {
				results.add(executor.submit(() -> {
					start.await();
					List<OptionalLong> answers = new ArrayList<>();
					for (int i = 0; i < checks; i++) {
						answers.add(generator.verify(secret, codeToCheck(generator, secret, i), instantOfCheck(i)));
					}
					return answers;
				}));
			}
			for (int t = 0; t < threads; t++) {
				assertThat(results.get(t).get(30, TimeUnit.SECONDS)).isEqualTo(expected.get(t));
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(expected.get(0)).contains(OptionalLong.of(generator.timeStep(instantOfCheck(0)) - 1),
				OptionalLong.of(generator.timeStep(instantOfCheck(1))),
				OptionalLong.of(generator.timeStep(instantOfCheck(2)) + 1), OptionalLong.empty());
	}

	// A code of the step before, at, after and two after the instant of check i, in turn
	private static String codeToCheck(TotpGenerator generator, byte[] secret, int i) {
		return generator.generate(secret, generator.timeStep(instantOfCheck(i)) + (i % 4) - 1);
	}

	private static Instant instantOfCheck(int i) {
		return NOW.plus(PERIOD.multipliedBy(i));
	}

	@Test
	void generateWhenCodeHasLeadingZeroThenKeepsIt() {
		// RFC 6238 vector: 07081804 at 1111111109 with the SHA1 seed
		TotpGenerator generator = new TotpGenerator(TotpAlgorithm.SHA1, 8, PERIOD, 1);
		String code = generator.generate(SHA1_SEED, Instant.ofEpochSecond(1111111109L));
		assertThat(code).hasSize(8).startsWith("0");
		assertThat(generator.verify(SHA1_SEED, "7081804", Instant.ofEpochSecond(1111111109L))).isEmpty();
	}

	@Test
	void constructorWhenSettingsOutOfRangeThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TotpGenerator(TotpAlgorithm.SHA1, 5, PERIOD, 1))
			.withMessageContaining("digits");
		assertThatIllegalArgumentException().isThrownBy(() -> new TotpGenerator(TotpAlgorithm.SHA1, 9, PERIOD, 1))
			.withMessageContaining("digits");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TotpGenerator(TotpAlgorithm.SHA1, 6, Duration.ofMillis(500), 1))
			.withMessageContaining("period");
		assertThatIllegalArgumentException().isThrownBy(() -> new TotpGenerator(TotpAlgorithm.SHA1, 6, PERIOD, -1))
			.withMessageContaining("allowedDriftSteps");
		assertThatIllegalArgumentException().isThrownBy(() -> new TotpGenerator(TotpAlgorithm.SHA1, 6, PERIOD, 11))
			.withMessageContaining("allowedDriftSteps");
	}

	@Test
	void accessorsWhenCreatedThenReturnSettings() {
		TotpGenerator generator = new TotpGenerator(TotpAlgorithm.SHA256, 7, PERIOD, 2);
		assertThat(generator.algorithm()).isEqualTo(TotpAlgorithm.SHA256);
		assertThat(generator.digits()).isEqualTo(7);
		assertThat(generator.period()).isEqualTo(PERIOD);
	}

	@Test
	void secretGeneratorWhenAlgorithmGivenThenAtLeast160Bits() {
		assertThat(new TotpSecretGenerator(TotpAlgorithm.SHA1).generate()).hasSize(20);
		assertThat(new TotpSecretGenerator(TotpAlgorithm.SHA256).generate()).hasSize(32);
		assertThat(new TotpSecretGenerator(TotpAlgorithm.SHA512).generate()).hasSize(64);
		TotpSecretGenerator secrets = new TotpSecretGenerator(TotpAlgorithm.SHA1);
		assertThat(secrets.generate()).isNotEqualTo(secrets.generate());
	}

	private static byte[] ascii(String value) {
		return value.getBytes(StandardCharsets.US_ASCII);
	}

}
