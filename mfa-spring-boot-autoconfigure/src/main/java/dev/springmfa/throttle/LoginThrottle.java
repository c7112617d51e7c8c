package dev.springmfa.throttle;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;
import org.jspecify.annotations.Nullable;

import dev.springmfa.TooManyMfaAttemptsException;
import dev.springmfa.audit.MfaAuditEventPublisher;
import dev.springmfa.audit.MfaAuditEventType;
import dev.springmfa.crypto.Hkdf;
import dev.springmfa.token.ExpiredRecordCleanup;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * The throttle of the password step: at most so many failed passwords per account and per
 * client address within a window of time, after which the step refuses every attempt,
 * unchecked, until the window ends.
 * <p>
 * Each attempt is reserved before its password is checked, with the discipline of the
 * second factor's attempt budget: one short transaction makes sure that the row of each
 * key exists ({@code insert ... on conflict do nothing}) and counts the attempt with one
 * conditional update, which succeeds only while the key has budget left or its window is
 * over. The database decides between concurrent attempts on every instance, so no more
 * passwords are checked than the limits allow, however many arrive at once; and no
 * connection is held while the password is hashed. A right password then clears the
 * account's count and gives the address its attempt back: an address keeps its failures
 * alone, so logging in to an account of one's own does not reset it.
 * <p>
 * The keys are HMACs, under a key derived from the starter's key material, of the account
 * name (compatibility forms and case folded, so that variants of one name share a budget)
 * and of the client address (an IPv6 address by its /64 network, which one client usually
 * holds whole). The answer is the same whether the account exists or not.
 */
public final class LoginThrottle {

	private static final String HMAC_SHA256 = "HmacSHA256";

	private static final String ACCOUNT = "account";

	private static final String ADDRESS = "address";

	private static final int RESERVATION_PASSES = 3;

	private final Records records;

	private final TransactionOperations transactions;

	private final Limits limits;

	private final SecretKey hashKey;

	private final Clock clock;

	private final ExpiredRecordCleanup cleanup;

	private final MfaAuditEventPublisher events;

	// InnoDB may pick one of two attempts that write the same rows as a deadlock victim;
	// a reservation is safe to run again from the start, at once.
	private final RetryTemplate deadlockRetry = new RetryTemplate(RetryPolicy.builder()
		.includes(PessimisticLockException.class, LockTimeoutException.class, PessimisticLockingFailureException.class)
		.maxRetries(4)
		.delay(Duration.ZERO)
		.build());

	/**
	 * Create a new instance.
	 * @param repositories the factory of the Spring Data repositories, on a
	 * transaction-bound (shared) entity manager
	 * @param transactions the transactions, each a short one of its own
	 * @param keyMaterial at least 256 bits from which the key of the key hashes is
	 * derived (HKDF)
	 * @param limits the limits
	 * @param clock the clock
	 * @param events publishes the audit event of a {@link #resetAccount reset}
	 */
	public LoginThrottle(JpaRepositoryFactory repositories, TransactionOperations transactions, byte[] keyMaterial,
			Limits limits, Clock clock, MfaAuditEventPublisher events) {
		Assert.notNull(repositories, "repositories cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		Assert.notNull(limits, "limits cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		Assert.notNull(events, "events cannot be null");
		this.records = repositories.getRepository(Records.class);
		this.transactions = transactions;
		this.limits = limits;
		this.hashKey = Hkdf.hmacSha256Key(keyMaterial, "mfa-login-throttle");
		this.clock = clock;
		this.cleanup = new ExpiredRecordCleanup(clock, Duration.ofMinutes(1));
		this.events = events;
	}

	/**
	 * Reserve an attempt of the password step before its password is checked: count it
	 * against the account and the client address, or refuse it if either has no budget
	 * left. A refused attempt counts against neither.
	 * @param username the username as submitted, whether or not such an account exists
	 * @param clientAddress the client's address, if known
	 * @return the reservation, to {@link #release} once the password proved right
	 * @throws TooManyMfaAttemptsException if the account or the address is throttled,
	 * with the time until its window ends
	 */
	public Reservation reserve(String username, @Nullable String clientAddress) {
		Assert.notNull(username, "username cannot be null");
		Reservation reservation = new Reservation(
				(this.limits.maxAttemptsPerAccount() > 0) ? key(ACCOUNT, account(username)) : null,
				(this.limits.maxAttemptsPerAddress() > 0 && clientAddress != null && !clientAddress.isEmpty())
						? key(ADDRESS, network(clientAddress)) : null);
		Instant now = this.clock.instant();
		Optional<Duration> throttled = inTransaction((status) -> {
			// The address first, then the account, in every attempt: concurrent
			// attempts lock the rows in one order.
			Optional<Duration> wait = reserve(reservation.addressKey, this.limits.maxAttemptsPerAddress(), now);
			if (wait.isEmpty()) {
				wait = reserve(reservation.accountKey, this.limits.maxAttemptsPerAccount(), now);
			}
			if (wait.isPresent()) {
				status.setRollbackOnly();
			}
			else {
				this.cleanup.runIfDue(this.records::deleteExpired);
			}
			return wait;
		});
		if (throttled.isPresent()) {
			throw new TooManyMfaAttemptsException(throttled.get());
		}
		return reservation;
	}

	/**
	 * Release the reservation of an attempt whose password proved right: the account's
	 * failures are cleared, and the address gets its attempt back.
	 * @param reservation the reservation
	 */
	public void release(Reservation reservation) {
		Assert.notNull(reservation, "reservation cannot be null");
		if (reservation.addressKey == null && reservation.accountKey == null) {
			return;
		}
		inTransaction((status) -> {
			if (reservation.addressKey != null) {
				this.records.giveBack(reservation.addressKey);
			}
			if (reservation.accountKey != null) {
				this.records.clear(reservation.accountKey);
			}
			return Optional.empty();
		});
	}

	/**
	 * Clear the failed passwords counted against an account, so that its next password is
	 * checked at once: for a support desk that has checked the user's identity by other
	 * means, when someone else's guesses throttle the account. Client addresses keep
	 * their counts. Publishes {@code LOGIN_THROTTLE_RESET}.
	 * @param username the account's username, in any of the variants that share its
	 * budget
	 * @return whether the account had failed passwords counted
	 */
	public boolean resetAccount(String username) {
		Assert.hasText(username, "username cannot be empty");
		String accountKey = key(ACCOUNT, account(username));
		int cleared = inTransaction((status) -> this.records.clear(accountKey));
		this.events.publish(MfaAuditEventType.LOGIN_THROTTLE_RESET, username);
		return cleared > 0;
	}

	private Optional<Duration> reserve(@Nullable String key, int maxAttempts, Instant now) {
		if (key == null) {
			return Optional.empty();
		}
		Instant windowEnd = now.plus(this.limits.duration());
		for (int pass = 0; pass < RESERVATION_PASSES; pass++) {
			this.records.insertIfAbsent(key, windowEnd);
			if (this.records.countAttempt(key, maxAttempts, now, windowEnd) == 1) {
				return Optional.empty();
			}
			Optional<Instant> expiresAt = this.records.findExpiresAt(key);
			if (expiresAt.isPresent()) {
				return Optional.of(Duration.between(now, expiresAt.get()));
			}
			// The cleanup of another instance deleted the row of an ended window
			// between the insert and the count: this key is not throttled.
		}
		throw new IllegalStateException("The login throttle could not count an attempt");
	}

	private <T> T inTransaction(Function<TransactionStatus, T> work) {
		T result = this.deadlockRetry.invoke(() -> this.transactions.execute(work::apply));
		Assert.state(result != null, "A transaction returned no result");
		return result;
	}

	private String key(String kind, String value) {
		try {
			Mac mac = Mac.getInstance(HMAC_SHA256);
			mac.init(this.hashKey);
			mac.update((kind + ":").getBytes(StandardCharsets.UTF_8));
			return kind + ":" + HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	// Variants of one name share a budget, as user stores often match them alike.
	static String account(String username) {
		return Normalizer.normalize(username, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
	}

	// A client usually holds a whole IPv6 /64: one key for all of it.
	static String network(String clientAddress) {
		if (!isIpv6Literal(clientAddress)) {
			return clientAddress;
		}
		try {
			// A literal: no name lookup.
			InetAddress address = InetAddress.getByName(clientAddress);
			if (address instanceof Inet6Address) {
				return HexFormat.of().formatHex(address.getAddress(), 0, 8) + "::/64";
			}
			return address.getHostAddress();
		}
		catch (UnknownHostException ex) {
			return clientAddress;
		}
	}

	private static boolean isIpv6Literal(String address) {
		return address.indexOf(':') >= 0
				&& address.chars().allMatch((c) -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
	}

	/**
	 * The limits of the throttle.
	 *
	 * @param maxAttemptsPerAccount the failed passwords of an account within a window
	 * after which it is throttled, or 0 for no throttle per account
	 * @param maxAttemptsPerAddress the failed passwords from a client address within a
	 * window after which it is throttled, or 0 for no throttle per address
	 * @param duration the window, counted from its first failure
	 */
	public record Limits(int maxAttemptsPerAccount, int maxAttemptsPerAddress, Duration duration) {

		public Limits {
			Assert.isTrue(maxAttemptsPerAccount >= 0, "maxAttemptsPerAccount cannot be negative");
			Assert.isTrue(maxAttemptsPerAddress >= 0, "maxAttemptsPerAddress cannot be negative");
			Assert.isTrue(maxAttemptsPerAccount > 0 || maxAttemptsPerAddress > 0,
					"maxAttemptsPerAccount or maxAttemptsPerAddress must be positive");
			Assert.notNull(duration, "duration cannot be null");
			Assert.isTrue(!duration.isNegative() && !duration.isZero(), "duration must be positive");
		}

	}

	/**
	 * An attempt counted by {@link #reserve}, until its password proves right.
	 */
	public static final class Reservation {

		private final @Nullable String accountKey;

		private final @Nullable String addressKey;

		private Reservation(@Nullable String accountKey, @Nullable String addressKey) {
			this.accountKey = accountKey;
			this.addressKey = addressKey;
		}

	}

	// Nested, so that an application's repository scanning never picks it up.
	interface Records extends Repository<LoginThrottleRecord, String> {

		// Failures 0: the count below counts this attempt.
		@Modifying
		@Query("insert into MfaLoginThrottle (id, failures, expiresAt) values (:id, 0, :expiresAt) on conflict(id) do nothing")
		int insertIfAbsent(String id, Instant expiresAt);

		// The window of a key whose window is over starts again with this attempt.
		// Failures first: MySQL assigns from left to right, each seeing the ones before.
		@Modifying
		@Query("""
				update MfaLoginThrottle t
				set t.failures = case when t.expiresAt <= :now then 1 else t.failures + 1 end,
				t.expiresAt = case when t.expiresAt <= :now then :windowEnd else t.expiresAt end
				where t.id = :id and (t.failures < :maxAttempts or t.expiresAt <= :now)
				""")
		int countAttempt(String id, int maxAttempts, Instant now, Instant windowEnd);

		@Query("select t.expiresAt from MfaLoginThrottle t where t.id = :id")
		Optional<Instant> findExpiresAt(String id);

		@Modifying
		@Query("update MfaLoginThrottle t set t.failures = t.failures - 1 where t.id = :id and t.failures > 0")
		int giveBack(String id);

		@Modifying
		@Query("update MfaLoginThrottle t set t.failures = 0 where t.id = :id and t.failures > 0")
		int clear(String id);

		// A row whose window is over counts nothing: the same as no row.
		@Modifying
		@Query("delete from MfaLoginThrottle t where t.expiresAt < :before")
		int deleteExpired(Instant before);

	}

}
