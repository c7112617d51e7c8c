package dev.springmfa.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;

import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * Runs the work of the {@link RefreshTokenRepository} so that it holds under concurrent
 * refreshes and revocations of one user, on any number of instances: each piece in a
 * transaction of its own, tried again when the database picks it as a deadlock victim,
 * and a revocation in passes until one finds nothing left.
 */
final class RefreshTokenTransactions {

	private static final int MAX_REVOCATION_PASSES = 50;

	private final TransactionOperations transactions;

	private final Clock clock;

	// InnoDB may pick a refresh and a revocation of the same user as deadlock victims
	// (the revocation's next-key locks against the successor's insert). Each transaction
	// here is safe to run again from the start, at once.
	private final RetryTemplate deadlockRetry = new RetryTemplate(RetryPolicy.builder()
		.includes(PessimisticLockException.class, LockTimeoutException.class, PessimisticLockingFailureException.class)
		.maxRetries(4)
		.delay(Duration.ZERO)
		.build());

	RefreshTokenTransactions(TransactionOperations transactions, Clock clock) {
		Assert.notNull(transactions, "transactions cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.transactions = transactions;
		this.clock = clock;
	}

	// A refresh that holds the lock on a token's row while a revocation waits for it
	// commits the successor after the revocation's statement began, which then misses
	// it. Each pass is a statement of its own that sees what committed before it, so
	// repeating until a pass revokes nothing leaves no successor behind.
	int revokeUntilNoneLeft(Function<Instant, Integer> revoke) {
		int total = 0;
		for (int pass = 0; pass < MAX_REVOCATION_PASSES; pass++) {
			int revoked = inTransaction(() -> revoke.apply(this.clock.instant()));
			if (revoked == 0) {
				break;
			}
			total += revoked;
		}
		return total;
	}

	<T> T inTransaction(Supplier<T> work) {
		T result = this.deadlockRetry.invoke(() -> this.transactions.execute((status) -> work.get()));
		Assert.state(result != null, "A transaction returned no result");
		return result;
	}

}
