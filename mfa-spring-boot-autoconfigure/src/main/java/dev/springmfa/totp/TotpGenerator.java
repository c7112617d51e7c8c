package dev.springmfa.totp;

import java.security.InvalidKeyException;
import java.security.Key;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;

import org.springframework.util.Assert;

/**
 * Generates and verifies time-based one-time passwords as described in
 * <a href="https://www.rfc-editor.org/rfc/rfc6238">RFC 6238</a>.
 * <p>
 * Instances are thread-safe and meant to be shared: java-otp computes every code on its
 * own copy of the {@link javax.crypto.Mac}.
 *
 * @author springmfa
 */
public final class TotpGenerator {

	private static final int MIN_DIGITS = 6;

	private static final int MAX_DIGITS = 8;

	private static final int MAX_DRIFT_STEPS = 10;

	private final TotpAlgorithm algorithm;

	private final int digits;

	private final Duration period;

	private final long periodSeconds;

	private final int allowedDriftSteps;

	private final TimeBasedOneTimePasswordGenerator delegate;

	/**
	 * Create a new instance.
	 * @param algorithm the HMAC algorithm
	 * @param digits the number of digits of a code, between 6 and 8
	 * @param period the length of a time step, a whole number of seconds
	 * @param allowedDriftSteps how many steps before and after the current one are
	 * accepted to tolerate clock drift, between 0 and 10
	 */
	public TotpGenerator(TotpAlgorithm algorithm, int digits, Duration period, int allowedDriftSteps) {
		Assert.notNull(algorithm, "algorithm cannot be null");
		Assert.notNull(period, "period cannot be null");
		if (digits < MIN_DIGITS || digits > MAX_DIGITS) {
			throw new IllegalArgumentException("digits must be between 6 and 8, got " + digits);
		}
		if (period.compareTo(Duration.ofSeconds(1)) < 0 || period.getNano() != 0) {
			throw new IllegalArgumentException(
					"period must be a whole number of seconds of at least 1s, got " + period);
		}
		if (allowedDriftSteps < 0 || allowedDriftSteps > MAX_DRIFT_STEPS) {
			throw new IllegalArgumentException("allowedDriftSteps must be between 0 and 10, got " + allowedDriftSteps);
		}
		this.algorithm = algorithm;
		this.digits = digits;
		this.period = period;
		this.periodSeconds = period.getSeconds();
		this.allowedDriftSteps = allowedDriftSteps;
		this.delegate = new TimeBasedOneTimePasswordGenerator(period, digits, algorithm.macAlgorithm());
	}

	/**
	 * Return the time step (the moving factor of RFC 6238) that contains the given
	 * instant.
	 * @param instant the instant
	 * @return the number of whole periods since the Unix epoch
	 */
	public long timeStep(Instant instant) {
		Assert.notNull(instant, "instant cannot be null");
		return Math.floorDiv(instant.getEpochSecond(), this.periodSeconds);
	}

	/**
	 * Generate the code for the given time step.
	 * @param secret the raw secret bytes
	 * @param timeStep the time step
	 * @return the code, zero-padded to {@link #digits()} digits
	 */
	public String generate(byte[] secret, long timeStep) {
		Assert.notNull(secret, "secret cannot be null");
		Assert.isTrue(secret.length > 0, "secret cannot be empty");
		return generate(new SecretKeySpec(secret, this.algorithm.macAlgorithm()), timeStep);
	}

	/**
	 * Generate the code for the time step that contains the given instant.
	 * @param secret the raw secret bytes
	 * @param instant the instant
	 * @return the code, zero-padded to {@link #digits()} digits
	 */
	public String generate(byte[] secret, Instant instant) {
		return generate(secret, timeStep(instant));
	}

	/**
	 * Verify a code against the current time step and the steps within the allowed drift.
	 * @param secret the raw secret bytes
	 * @param code the code entered by the user
	 * @param now the current instant
	 * @return the time step the code matched, so callers can refuse its reuse, or empty
	 * if it did not match
	 */
	public OptionalLong verify(byte[] secret, String code, Instant now) {
		Assert.notNull(secret, "secret cannot be null");
		Assert.isTrue(secret.length > 0, "secret cannot be empty");
		Assert.notNull(code, "code cannot be null");
		Assert.notNull(now, "now cannot be null");
		if (!isWellFormed(code)) {
			return OptionalLong.empty();
		}
		int expected = Integer.parseInt(code);
		Key key = new SecretKeySpec(secret, this.algorithm.macAlgorithm());
		long currentStep = timeStep(now);
		int matches = 0;
		long matchedStep = 0;
		// Every candidate is checked, and compared without a branch on its value, so that
		// timing does not reveal which step matched. The codes are compared as numbers:
		// formatting each candidate would cost more than its HMAC.
		for (long step = currentStep - this.allowedDriftSteps; step <= currentStep + this.allowedDriftSteps; step++) {
			long mask = -(long) isZero(code(key, step) ^ expected);
			matches |= (int) mask;
			matchedStep = (step & mask) | (matchedStep & ~mask);
		}
		return (matches != 0) ? OptionalLong.of(matchedStep) : OptionalLong.empty();
	}

	// 1 when value is 0, else 0, without a branch.
	private static int isZero(int value) {
		return ((value | -value) >>> 31) ^ 1;
	}

	private boolean isWellFormed(String code) {
		if (code.length() != this.digits) {
			return false;
		}
		for (int i = 0; i < code.length(); i++) {
			char c = code.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	private String generate(Key key, long timeStep) {
		// Locale.ROOT keeps the digits ASCII whatever the default locale is
		return String.format(Locale.ROOT, "%0" + this.digits + "d", code(key, timeStep));
	}

	private int code(Key key, long timeStep) {
		// TOTP is HOTP over the step counter; the step's first instant yields that
		// counter. java-otp 0.4.0 takes a key, never a Mac: it clones its prototype Mac
		// and keys it for every code, which is most of what a check costs above its
		// bare HMACs.
		Instant stepStart = Instant.ofEpochSecond(Math.multiplyExact(timeStep, this.periodSeconds));
		try {
			return this.delegate.generateOneTimePassword(key, stepStart);
		}
		catch (InvalidKeyException ex) {
			throw new IllegalStateException("Invalid TOTP secret", ex);
		}
	}

	/**
	 * Return the HMAC algorithm.
	 * @return the algorithm
	 */
	public TotpAlgorithm algorithm() {
		return this.algorithm;
	}

	/**
	 * Return the number of digits of a code.
	 * @return the number of digits
	 */
	public int digits() {
		return this.digits;
	}

	/**
	 * Return the length of a time step.
	 * @return the period
	 */
	public Duration period() {
		return this.period;
	}

}
