package dev.springmfa.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;

import org.jspecify.annotations.Nullable;

import dev.springmfa.MfaException;
import dev.springmfa.MfaFactors;
import dev.springmfa.MfaUserIdResolver;
import dev.springmfa.audit.MfaAuditEventPublisher;
import dev.springmfa.audit.MfaAuditEventType;
import dev.springmfa.jwt.JwtTokenService.RefreshToken;
import dev.springmfa.token.ExpiredRecordCleanup;
import dev.springmfa.token.MfaTokenService;
import dev.springmfa.token.MfaTokenService.IssuedToken;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * Hands out the tokens of {@code mfa.login.mode=jwt}: a pair at login, a new pair for
 * each refresh. A refresh token is single-use: it is spent and its successor recorded in
 * one transaction, and presenting a spent one again revokes its whole family, so that a
 * thief and the victim both have to log in again. A refresh keeps the factors of the
 * login and their times, reloads the user, and is refused once the user is disabled or
 * the password changed.
 */
public class JwtLoginService {

	private static final int MAX_REVOCATION_PASSES = 50;

	private static final int MAX_TRANSACTION_ATTEMPTS = 5;

	private final JwtTokenService tokens;

	private final RefreshTokenRepository refreshTokens;

	private final MfaTokenService passwordFingerprints;

	private final UserDetailsService userDetailsService;

	private final MfaUserIdResolver userIdResolver;

	private final TransactionOperations transactions;

	private final MfaAuditEventPublisher events;

	private final Clock clock;

	private final AccountStatusUserDetailsChecker userDetailsChecker = new AccountStatusUserDetailsChecker();

	private final ExpiredRecordCleanup cleanup;

	/**
	 * Create a new instance.
	 * @param tokens issues and parses the tokens
	 * @param refreshTokens the state of refresh tokens
	 * @param passwordFingerprints fingerprints password hashes
	 * @param userDetailsService loads the user at login and at each refresh
	 * @param userIdResolver resolves the user id of a login
	 * @param transactions the transactions
	 * @param events publishes audit events
	 * @param clock the clock
	 */
	public JwtLoginService(JwtTokenService tokens, RefreshTokenRepository refreshTokens,
			MfaTokenService passwordFingerprints, UserDetailsService userDetailsService,
			MfaUserIdResolver userIdResolver, TransactionOperations transactions, MfaAuditEventPublisher events,
			Clock clock) {
		Assert.notNull(tokens, "tokens cannot be null");
		Assert.notNull(refreshTokens, "refreshTokens cannot be null");
		Assert.notNull(userDetailsService, "userDetailsService cannot be null");
		this.tokens = tokens;
		this.refreshTokens = refreshTokens;
		this.passwordFingerprints = passwordFingerprints;
		this.userDetailsService = userDetailsService;
		this.userIdResolver = userIdResolver;
		this.transactions = transactions;
		this.events = events;
		this.clock = clock;
		this.cleanup = new ExpiredRecordCleanup(clock, Duration.ofMinutes(1));
	}

	/**
	 * Issue the tokens of a completed login, starting a new family of refresh tokens.
	 * @param authentication the complete authentication, with its factors
	 * @return the tokens
	 */
	public TokenPair login(Authentication authentication) {
		String username = authentication.getName();
		IssuedToken<RefreshToken> refresh = this.tokens.issueRefreshToken(UUID.randomUUID().toString(), username,
				this.userIdResolver.resolve(authentication),
				passwordFingerprint(this.userDetailsService.loadUserByUsername(username)),
				AuthenticationMethods.factorsOf(authentication.getAuthorities()));
		inTransaction(() -> {
			this.refreshTokens.save(refresh.claims());
			this.cleanup.runIfDue(this.refreshTokens::deleteExpired);
			return true;
		});
		return new TokenPair(this.tokens.issueAccessToken(username, authentication.getAuthorities()), refresh.value(),
				this.tokens.accessTokenTtl());
	}

	/**
	 * Spend a refresh token for a new pair.
	 * @param refreshToken the refresh token
	 * @return the new tokens
	 * @throws MfaException {@code invalid_token} if the token is invalid, expired, spent
	 * or revoked, or the user cannot log in any more
	 */
	public TokenPair refresh(String refreshToken) {
		RefreshToken token = this.tokens.parseRefreshToken(refreshToken);
		UserDetails user = loadCurrentUser(token);
		Instant now = this.clock.instant();
		IssuedToken<RefreshToken> next = this.tokens.issueRefreshToken(token.familyId(), token.username(),
				token.userId(), token.passwordFingerprint(), token.factors());
		boolean rotated = inTransaction(() -> {
			if (!this.refreshTokens.spend(token.id(), now)) {
				return false;
			}
			this.refreshTokens.save(next.claims());
			return true;
		});
		if (!rotated) {
			revokeFamilyIfReused(token);
			throw MfaException.invalidToken();
		}
		List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
		authorities.addAll(token.factors());
		// A refresh token of a login without a second factor outlives no activation:
		// turning MFA on revokes it. So the user still has none.
		if (!MfaFactors.hasSecondFactor(token.factors())) {
			authorities.add(new SimpleGrantedAuthority(MfaFactors.NOT_ENROLLED_AUTHORITY));
		}
		return new TokenPair(this.tokens.issueAccessToken(token.username(), authorities), next.value(),
				this.tokens.accessTokenTtl());
	}

	/**
	 * Log out the user of a refresh token: revoke every refresh token of the user. An
	 * invalid token revokes nothing.
	 * @param refreshToken the refresh token
	 */
	public void logout(String refreshToken) {
		RefreshToken token;
		try {
			token = this.tokens.parseRefreshToken(refreshToken);
		}
		catch (MfaException ex) {
			return;
		}
		revokeAll(token.userId());
	}

	/**
	 * Revoke every refresh token of a user. Access tokens already issued stay valid until
	 * they expire.
	 * @param userId the user
	 */
	public void revokeAll(String userId) {
		if (revokeUntilNoneLeft((now) -> this.refreshTokens.revokeAll(userId, now)) > 0) {
			this.events.publish(MfaAuditEventType.REFRESH_TOKENS_REVOKED, userId);
		}
	}

	private void revokeFamilyIfReused(RefreshToken token) {
		if (inTransaction(() -> this.refreshTokens.isSpent(token.id()))) {
			revokeUntilNoneLeft((now) -> this.refreshTokens.revokeFamily(token.familyId(), now));
			this.events.publish(MfaAuditEventType.REFRESH_TOKEN_REUSED, token.userId());
		}
	}

	// A refresh that holds the lock on a token's row while a revocation waits for it
	// commits the successor after the revocation's statement began, which then misses
	// it. Each pass is a statement of its own that sees what committed before it, so
	// repeating until a pass revokes nothing leaves no successor behind.
	private int revokeUntilNoneLeft(Function<Instant, Integer> revoke) {
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

	// InnoDB may pick a refresh and a revocation of the same user as deadlock victims
	// (the
	// revocation's next-key locks against the successor's insert). Each transaction here
	// is safe to run again from the start.
	private <T> T inTransaction(Supplier<T> work) {
		for (int attempt = 1;; attempt++) {
			try {
				T result = this.transactions.execute((status) -> work.get());
				Assert.state(result != null, "A transaction returned no result");
				return result;
			}
			catch (PessimisticLockException | LockTimeoutException | PessimisticLockingFailureException ex) {
				if (attempt == MAX_TRANSACTION_ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	private UserDetails loadCurrentUser(RefreshToken token) {
		try {
			UserDetails user = this.userDetailsService.loadUserByUsername(token.username());
			this.userDetailsChecker.check(user);
			String fingerprint = passwordFingerprint(user);
			if (token.passwordFingerprint() != null && !token.passwordFingerprint().equals(fingerprint)) {
				throw MfaException.invalidToken();
			}
			return user;
		}
		catch (UsernameNotFoundException | AccountStatusException ex) {
			throw MfaException.invalidToken();
		}
	}

	private @Nullable String passwordFingerprint(UserDetails user) {
		String password = user.getPassword();
		return (password != null) ? this.passwordFingerprints.fingerprint(password) : null;
	}

}
