package dev.springmfa.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.springframework.util.Assert;

/**
 * Deletes expired token records now and then, from the requests that issue new tokens, so
 * that no scheduler is needed: at most once an interval on each application instance.
 */
public final class ExpiredRecordCleanup {

	private final Clock clock;

	private final long intervalMillis;

	private final AtomicLong next = new AtomicLong();

	/**
	 * Create a new instance.
	 * @param clock the clock
	 * @param interval the least time between two deletions
	 */
	public ExpiredRecordCleanup(Clock clock, Duration interval) {
		Assert.notNull(clock, "clock cannot be null");
		this.clock = clock;
		this.intervalMillis = interval.toMillis();
	}

	/**
	 * Run a deletion if none ran in the last interval on this instance.
	 * @param deleteExpiredBefore deletes the records that expired before the given time
	 */
	public void runIfDue(Consumer<Instant> deleteExpiredBefore) {
		long now = this.clock.millis();
		long due = this.next.get();
		if (now >= due && this.next.compareAndSet(due, now + this.intervalMillis)) {
			deleteExpiredBefore.accept(Instant.ofEpochMilli(now));
		}
	}

}
