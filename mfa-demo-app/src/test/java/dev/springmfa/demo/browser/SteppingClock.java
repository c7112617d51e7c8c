package dev.springmfa.demo.browser;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it, so that each TOTP code can come from a
 * fresh time step without waiting for one: the starter refuses a code of a step it has
 * already accepted.
 */
final class SteppingClock extends Clock {

	private final AtomicReference<Instant> now;

	private final ZoneId zone;

	SteppingClock(Instant start) {
		this(new AtomicReference<>(start), ZoneOffset.UTC);
	}

	private SteppingClock(AtomicReference<Instant> now, ZoneId zone) {
		this.now = now;
		this.zone = zone;
	}

	void advance(Duration duration) {
		this.now.updateAndGet((instant) -> instant.plus(duration));
	}

	@Override
	public Instant instant() {
		return this.now.get();
	}

	@Override
	public ZoneId getZone() {
		return this.zone;
	}

	// The same time line in another zone: moving one moves the other.
	@Override
	public Clock withZone(ZoneId zone) {
		return new SteppingClock(this.now, zone);
	}

}
