package dev.springmfa.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RefreshTokenTransactionsTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

	private final AtomicInteger transactionCount = new AtomicInteger();

	private final TransactionOperations transactions = new TransactionOperations() {

		@Override
		public <T> T execute(TransactionCallback<T> action) {
			RefreshTokenTransactionsTests.this.transactionCount.incrementAndGet();
			return action.doInTransaction(new SimpleTransactionStatus());
		}

	};

	private final RefreshTokenTransactions refreshTokenTransactions = new RefreshTokenTransactions(this.transactions,
			CLOCK);

	@Test
	void inTransactionWhenDeadlockVictimThenTriedAgain() {
		AtomicInteger attempts = new AtomicInteger();
		String result = this.refreshTokenTransactions.inTransaction(() -> {
			if (attempts.incrementAndGet() < 3) {
				throw new CannotAcquireLockException("deadlock");
			}
			return "done";
		});
		assertThat(result).isEqualTo("done");
		assertThat(this.transactionCount).hasValue(3);
	}

	@Test
	void inTransactionWhenDeadlockVictimFiveTimesThenFails() {
		assertThatExceptionOfType(PessimisticLockException.class)
			.isThrownBy(() -> this.refreshTokenTransactions.inTransaction(() -> {
				throw new PessimisticLockException("deadlock");
			}));
		assertThat(this.transactionCount).hasValue(5);
	}

	@Test
	void inTransactionWhenLockWaitTimesOutThenTriedAgainAtOnce() {
		AtomicInteger attempts = new AtomicInteger();
		Instant start = Instant.now();
		String result = this.refreshTokenTransactions.inTransaction(() -> {
			if (attempts.incrementAndGet() == 1) {
				throw new LockTimeoutException("lock wait timeout");
			}
			return "done";
		});
		assertThat(result).isEqualTo("done");
		assertThat(this.transactionCount).hasValue(2);
		assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofMillis(500));
	}

	@Test
	void inTransactionWhenDeadlockVictimFiveTimesThenFailsWithTheLastFailure() {
		AtomicInteger attempts = new AtomicInteger();
		assertThatExceptionOfType(CannotAcquireLockException.class)
			.isThrownBy(() -> this.refreshTokenTransactions.inTransaction(() -> {
				throw new CannotAcquireLockException("attempt " + attempts.incrementAndGet());
			}))
			.withMessage("attempt 5");
	}

	@Test
	void inTransactionWhenOtherFailureThenNotTriedAgain() {
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.refreshTokenTransactions.inTransaction(() -> {
				throw new DataIntegrityViolationException("duplicate");
			}));
		assertThat(this.transactionCount).hasValue(1);
	}

	@Test
	void revokeUntilNoneLeftWhenPassesRevokeThenRepeatsUntilOneRevokesNothing() {
		AtomicInteger pass = new AtomicInteger();
		int revoked = this.refreshTokenTransactions.revokeUntilNoneLeft((now) -> {
			assertThat(now).isEqualTo(CLOCK.instant());
			return switch (pass.incrementAndGet()) {
				case 1 -> 3;
				case 2 -> 1;
				default -> 0;
			};
		});
		assertThat(revoked).isEqualTo(4);
		assertThat(pass).hasValue(3);
		assertThat(this.transactionCount).hasValue(3);
	}

	@Test
	void revokeUntilNoneLeftWhenEveryPassRevokesThenStopsAfterFiftyPasses() {
		assertThat(this.refreshTokenTransactions.revokeUntilNoneLeft((now) -> 1)).isEqualTo(50);
	}

}
