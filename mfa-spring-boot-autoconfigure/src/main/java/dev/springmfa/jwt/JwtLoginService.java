package dev.springmfa.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.springmfa.InvalidMfaTokenException;
import dev.springmfa.MfaFactors;
import dev.springmfa.MfaUserIdResolver;
import dev.springmfa.audit.MfaAuditEventPublisher;
import dev.springmfa.audit.MfaAuditEventType;
import dev.springmfa.token.ExpiredRecordCleanup;
import dev.springmfa.token.IssuedToken;
import dev.springmfa.token.PasswordFingerprints;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
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
public final class JwtLoginService {

	private final JwtTokenService tokens;

	private final RefreshTokenService refreshTokenService;

	private final RefreshTokenRepository refreshTokens;

	private final PasswordFingerprints passwordFingerprints;

	private final MfaUserIdResolver userIdResolver;

	private final RefreshTokenTransactions transactions;

	private final MfaAuditEventPublisher events;

	private final Clock clock;

	private final ExpiredRecordCleanup cleanup;

	/**
	 * Create a new instance.
	 * @param tokens issues the access tokens
	 * @param refreshTokenService issues and parses the refresh tokens
	 * @param refreshTokens the state of refresh tokens
	 * @param passwordFingerprints fingerprints the password at login, and loads the user
	 * again at each refresh
	 * @param userIdResolver resolves the user id of a login
	 * @param transactions the transactions
	 * @param events publishes audit events
	 * @param clock the clock
	 */
	public JwtLoginService(JwtTokenService tokens, RefreshTokenService refreshTokenService,
			RefreshTokenRepository refreshTokens, PasswordFingerprints passwordFingerprints,
			MfaUserIdResolver userIdResolver, TransactionOperations transactions, MfaAuditEventPublisher events,
			Clock clock) {
		Assert.notNull(tokens, "tokens cannot be null");
		Assert.notNull(refreshTokenService, "refreshTokenService cannot be null");
		Assert.notNull(refreshTokens, "refreshTokens cannot be null");
		Assert.notNull(passwordFingerprints, "passwordFingerprints cannot be null");
		this.tokens = tokens;
		this.refreshTokenService = refreshTokenService;
		this.refreshTokens = refreshTokens;
		this.passwordFingerprints = passwordFingerprints;
		this.userIdResolver = userIdResolver;
		this.transactions = new RefreshTokenTransactions(transactions, clock);
		this.events = events;
		this.clock = clock;
		this.cleanup = new ExpiredRecordCleanup(clock, Duration.ofMinutes(1));
	}

	/**
	 * Record the refresh token of a completed login in the caller's transaction, starting
	 * a new family: the code step and step-up call this in the transaction that accepts
	 * the code, so that the token's row commits with the code or not at all, on one
	 * connection.
	 * @param authentication the complete authentication, with its factors
	 * @return the authentication with the recorded token as its credentials, for
	 * {@link #login(Authentication)} to sign
	 */
	public Authentication recordLogin(Authentication authentication) {
		return authentication.toBuilder().credentials(new RecordedRefreshToken(record(authentication))).build();
	}

	/**
	 * Issue the tokens of a completed login, starting a new family of refresh tokens
	 * unless {@link #recordLogin(Authentication)} recorded its first token already.
	 * @param authentication the complete authentication, with its factors
	 * @return the tokens
	 */
	public TokenPair login(Authentication authentication) {
		// Where the login erased the password hash, the user's reload for the
		// fingerprint joins the transaction that records the token: one connection.
		RefreshToken claims = (authentication.getCredentials() instanceof RecordedRefreshToken recorded
				&& recorded.token().username().equals(authentication.getName())) ? recorded.token()
						: this.transactions.inTransaction(() -> record(authentication));
		// In a transaction of its own, with the retries of the others: a deletion across
		// users has no place in the transaction of one user's login.
		this.cleanup
			.runIfDue((before) -> this.transactions.inTransaction(() -> this.refreshTokens.deleteExpired(before)));
		return new TokenPair(this.tokens.issueAccessToken(authentication.getName(), authentication.getAuthorities()),
				this.refreshTokenService.sign(claims).value(), this.tokens.accessTokenTtl());
	}

	private RefreshToken record(Authentication authentication) {
		List<FactorGrantedAuthority> factors = AuthenticationMethods.factorsOf(authentication.getAuthorities());
		RefreshToken token = this.refreshTokenService.newRefreshToken(UUID.randomUUID().toString(),
				authentication.getName(), this.userIdResolver.resolve(authentication),
				this.passwordFingerprints.fingerprintOf(authentication), factors);
		this.refreshTokens.save(token);
		return token;
	}

	/**
	 * Spend a refresh token for a new pair.
	 * @param refreshToken the refresh token
	 * @return the new tokens
	 * @throws InvalidMfaTokenException if the token is invalid, expired, spent or
	 * revoked, or the user cannot log in any more
	 */
	public TokenPair refresh(String refreshToken) {
		RefreshToken token = this.refreshTokenService.parseRefreshToken(refreshToken);
		Instant now = this.clock.instant();
		IssuedToken<RefreshToken> next = this.refreshTokenService.issueRefreshToken(token.familyId(), token.username(),
				token.userId(), token.passwordFingerprint(), token.factors());
		// The user's reload joins the transaction that spends the token: one connection.
		// A user who may no longer log in spends nothing.
		Optional<UserDetails> rotated = this.transactions.inTransaction(() -> {
			UserDetails current = this.passwordFingerprints.loadCurrentUser(token.username(),
					token.passwordFingerprint());
			if (!this.refreshTokens.spend(token.id(), now)) {
				return Optional.empty();
			}
			this.refreshTokens.save(next.claims());
			return Optional.of(current);
		});
		if (rotated.isEmpty()) {
			revokeFamilyIfReused(token);
			throw new InvalidMfaTokenException();
		}
		UserDetails user = rotated.get();
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
			token = this.refreshTokenService.parseRefreshToken(refreshToken);
		}
		catch (InvalidMfaTokenException ex) {
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
		if (this.transactions.revokeUntilNoneLeft((now) -> this.refreshTokens.revokeAll(userId, now)) > 0) {
			this.events.publish(MfaAuditEventType.REFRESH_TOKENS_REVOKED, userId);
		}
	}

	private void revokeFamilyIfReused(RefreshToken token) {
		if (this.transactions.inTransaction(() -> this.refreshTokens.isSpent(token.id()))) {
			this.transactions.revokeUntilNoneLeft((now) -> this.refreshTokens.revokeFamily(token.familyId(), now));
			this.events.publish(MfaAuditEventType.REFRESH_TOKEN_REUSED, token.userId());
		}
	}

	// The credentials of a login whose refresh token is recorded and not yet signed. Its
	// toString shows nothing of the token.
	private record RecordedRefreshToken(RefreshToken token) {

		@Override
		public String toString() {
			return "RecordedRefreshToken[<redacted>]";
		}

	}

}
