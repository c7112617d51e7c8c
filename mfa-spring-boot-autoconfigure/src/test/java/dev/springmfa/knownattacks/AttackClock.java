package dev.springmfa.knownattacks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock of the attacks: the tests move it one TOTP time step at a time, to replay a
 * code in the next step, or by a whole lock, to attack an account for years without
 * waiting for them.
 */
public class AttackClock extends Clock {

	private static final Duration STEP = Duration.ofSeconds(30);

	private volatile Instant now = Instant.parse("2026-11-25T10:00:00Z");

	/**
	 * Move to the next TOTP time step.
	 * @return the new instant
	 */
	public Instant nextStep() {
		return advance(STEP);
	}

	/**
	 * Move forward.
	 * @param duration how far
	 * @return the new instant
	 */
	public synchronized Instant advance(Duration duration) {
		this.now = this.now.plus(duration);
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return this.now;
	}

}
