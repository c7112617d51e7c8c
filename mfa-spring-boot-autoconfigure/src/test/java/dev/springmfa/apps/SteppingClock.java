package dev.springmfa.apps;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock the tests move forward instead of sleeping; an app of the matrix declares it as
 * its {@link Clock} bean, which the starter uses. Each code of a test then comes from a
 * time step of its own, so that replay protection never refuses it.
 */
public class SteppingClock extends Clock {

	private volatile Instant now = Instant.parse("2026-11-25T10:00:00Z");

	/**
	 * Move to the next TOTP time step.
	 * @return the new instant
	 */
	public Instant nextStep() {
		this.now = this.now.plus(Duration.ofSeconds(30));
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
