package dev.springmfa.benchmarks;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.HmacOneTimePasswordGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.springmfa.totp.TotpAlgorithm;
import dev.springmfa.totp.TotpGenerator;

/**
 * What checking a TOTP code costs in CPU, besides the database: the starter's defaults
 * (HMAC-SHA-1, 6 digits, 30 s steps) with one step of drift either side, so three codes
 * are computed whether the code is right or wrong.
 * <p>
 * A check is measured against three floors, cheapest first, so that a ratio says what it
 * compares with. {@link #bareHmacFloor()} computes the three HMACs on a {@link Mac} keyed
 * once for the whole run: no real check can reach it, since the secret differs per user
 * and comes from the database as bytes. {@link #bareHmacFloorKeyedPerCheck()} adds what
 * every check of a user whose key no cache holds must do before its HMACs: make a key of
 * the secret and key a {@code Mac} with it, once. {@link #javaOtpFloor()} is the least a
 * check costs while java-otp computes the codes: java-otp 0.4.0 takes a {@link Key},
 * never a {@code Mac}, and clones and keys its own {@code Mac} for every code.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
public class TotpBenchmark {

	private static final Instant NOW = Instant.parse("2026-11-25T08:00:10Z");

	private final TotpGenerator generator = new TotpGenerator(TotpAlgorithm.SHA1, 6, Duration.ofSeconds(30), 1);

	private final byte[] secret = new byte[TotpAlgorithm.SHA1.recommendedKeyLength()];

	private final byte[] counter = new byte[8];

	private final byte[] hmac = new byte[20];

	private final HmacOneTimePasswordGenerator hotp = new HmacOneTimePasswordGenerator(6);

	@SuppressWarnings("NullAway.Init")
	private Mac mac;

	@SuppressWarnings("NullAway.Init")
	private Mac macKeyedPerCheck;

	private String rightCode;

	private String wrongCode;

	/**
	 * Create a secret, the code of the current step and a code no step in the window
	 * yields.
	 * @throws GeneralSecurityException if the JDK has no HMAC-SHA-1
	 */
	@Setup
	public void setUp() throws GeneralSecurityException {
		for (int i = 0; i < this.secret.length; i++) {
			this.secret[i] = (byte) (31 * i + 7);
		}
		this.mac = Mac.getInstance("HmacSHA1");
		this.mac.init(new SecretKeySpec(this.secret, "HmacSHA1"));
		this.macKeyedPerCheck = Mac.getInstance("HmacSHA1");
		this.rightCode = this.generator.generate(this.secret, NOW);
		long step = this.generator.timeStep(NOW);
		int candidate = Integer.parseInt(this.rightCode);
		String wrong;
		do {
			candidate = (candidate + 1) % 1_000_000;
			wrong = String.format(Locale.ROOT, "%06d", candidate);
		}
		while (wrong.equals(this.generator.generate(this.secret, step - 1))
				|| wrong.equals(this.generator.generate(this.secret, step))
				|| wrong.equals(this.generator.generate(this.secret, step + 1)));
		this.wrongCode = wrong;
		if (this.generator.verify(this.secret, this.rightCode, NOW).isEmpty()
				|| this.generator.verify(this.secret, this.wrongCode, NOW).isPresent()) {
			throw new IllegalStateException("The right code must verify and the wrong one must not");
		}
	}

	/**
	 * Verify the code of the current step.
	 * @return the matched step
	 */
	@Benchmark
	public OptionalLong verifyRightCode() {
		return this.generator.verify(this.secret, this.rightCode, NOW);
	}

	/**
	 * Verify a well-formed code that no step in the window yields.
	 * @return empty
	 */
	@Benchmark
	public OptionalLong verifyWrongCode() {
		return this.generator.verify(this.secret, this.wrongCode, NOW);
	}

	/**
	 * The three HMAC-SHA-1s of the window on a {@link Mac} keyed once for the whole run,
	 * into a buffer allocated once, with none of the work around them.
	 * @return the last byte of the last HMAC
	 * @throws ShortBufferException never: the buffer fits an HMAC-SHA-1
	 */
	@Benchmark
	public byte bareHmacFloor() throws ShortBufferException {
		return threeHmacs(this.mac);
	}

	/**
	 * The floor of a check for a user whose key no cache holds: a key made of the secret,
	 * one {@link Mac#init(Key)}, then the three HMAC-SHA-1s of the window.
	 * @return the last byte of the last HMAC
	 * @throws GeneralSecurityException never: the key fits HMAC-SHA-1
	 */
	@Benchmark
	public byte bareHmacFloorKeyedPerCheck() throws GeneralSecurityException {
		this.macKeyedPerCheck.init(new SecretKeySpec(this.secret, "HmacSHA1"));
		return threeHmacs(this.macKeyedPerCheck);
	}

	/**
	 * The floor of a check that lets java-otp compute the codes: the three codes of the
	 * window from one key, with no parsing and no comparison.
	 * @return the codes, combined
	 * @throws InvalidKeyException never: the key fits HMAC-SHA-1
	 */
	@Benchmark
	public int javaOtpFloor() throws InvalidKeyException {
		Key key = new SecretKeySpec(this.secret, "HmacSHA1");
		long step = NOW.getEpochSecond() / 30;
		int codes = 0;
		for (long s = step - 1; s <= step + 1; s++) {
			codes ^= this.hotp.generateOneTimePassword(key, s);
		}
		return codes;
	}

	private byte threeHmacs(Mac keyed) throws ShortBufferException {
		long step = NOW.getEpochSecond() / 30;
		for (long s = step - 1; s <= step + 1; s++) {
			for (int i = 7; i >= 0; i--) {
				this.counter[i] = (byte) (s >>> (8 * (7 - i)));
			}
			keyed.update(this.counter);
			keyed.doFinal(this.hmac, 0);
		}
		return this.hmac[19];
	}

}
