package dev.springmfa.authentication;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import dev.springmfa.InvalidMfaTokenException;
import dev.springmfa.TooManyMfaAttemptsException;
import dev.springmfa.audit.MfaAuditEventPublisher;
import dev.springmfa.audit.MfaAuditEventType;
import dev.springmfa.authenticator.Authenticator;
import dev.springmfa.authenticator.CodeAttempt;
import dev.springmfa.authenticator.SecondFactorVerifier;
import dev.springmfa.token.EphemeralToken;
import dev.springmfa.token.MfaTokenService;
import dev.springmfa.token.PasswordFingerprints;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * Completes a login from an ephemeral token and a code, in one transaction. The user is
 * loaded again and must still be enabled, unlocked and have the password of the first
 * step. The user's authenticator is then locked for the attempt (see
 * {@link SecondFactorVerifier}): the token must be bound to it and unspent (no code
 * accepted since its issue) and have budget left; the code is checked, and accepting it
 * spends the token with every other one issued before, in the same statement. Of any
 * number of concurrent attempts with one token or one code, on any number of instances,
 * exactly one succeeds, and no more codes are checked than the budget allows. The result
 * carries the password factor, with the time of the first step, and the factor of the
 * code; its principal's password hash is erased, and its credentials are the password's
 * {@link PasswordFingerprints.Fingerprint}. A completion given to
 * {@link #verify(String, String, UnaryOperator)} runs in the same transaction once the
 * code is accepted, so that what it records commits with the code or not at all.
 */
public final class MfaVerificationService {

	// The Retry-After of a token used up by its own failures: a new login is needed,
	// not a wait.
	private static final Duration TOKEN_USED_UP = Duration.ofSeconds(1);

	private final MfaTokenService tokens;

	private final SecondFactorVerifier verifier;

	private final PasswordFingerprints fingerprints;

	private final TransactionOperations transactions;

	private final MfaAuditEventPublisher events;

	private final int maxAttemptsPerToken;

	/**
	 * Create a new instance.
	 * @param tokens parses ephemeral tokens
	 * @param verifier checks codes within the attempt budget
	 * @param fingerprints loads the user again and checks the password
	 * @param transactions the transactions
	 * @param events publishes audit events
	 * @param maxAttemptsPerToken failed attempts that use a token up
	 */
	public MfaVerificationService(MfaTokenService tokens, SecondFactorVerifier verifier,
			PasswordFingerprints fingerprints, TransactionOperations transactions, MfaAuditEventPublisher events,
			int maxAttemptsPerToken) {
		Assert.notNull(tokens, "tokens cannot be null");
		Assert.notNull(verifier, "verifier cannot be null");
		Assert.notNull(fingerprints, "fingerprints cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		Assert.notNull(events, "events cannot be null");
		Assert.isTrue(maxAttemptsPerToken > 0, "maxAttemptsPerToken must be positive");
		this.tokens = tokens;
		this.verifier = verifier;
		this.fingerprints = fingerprints;
		this.transactions = transactions;
		this.events = events;
		this.maxAttemptsPerToken = maxAttemptsPerToken;
	}

	/**
	 * Complete a login.
	 * @param ephemeralToken the token of the password step
	 * @param code a TOTP code or an unused recovery code
	 * @return the complete authentication, with its factors
	 * @throws AuthenticationException when the token or the code is refused, or while
	 * locked
	 */
	public Authentication verify(String ephemeralToken, String code) {
		return verify(ephemeralToken, code, UnaryOperator.identity());
	}

	/**
	 * Complete a login, and record what its completion needs in the same transaction:
	 * what the completion writes commits with the accepted code, or neither does.
	 * @param ephemeralToken the token of the password step
	 * @param code a TOTP code or an unused recovery code
	 * @param completion called in the transaction once the code is accepted, with the
	 * complete authentication; returns the authentication to answer with
	 * @return the complete authentication, as the completion returned it
	 * @throws AuthenticationException when the token or the code is refused, or while
	 * locked
	 */
	public Authentication verify(String ephemeralToken, String code, UnaryOperator<Authentication> completion) {
		Assert.notNull(completion, "completion cannot be null");
		EphemeralToken token = this.tokens.parseEphemeralToken(ephemeralToken);
		Verification verification = Objects.requireNonNull(this.transactions.execute((status) -> {
			UserDetails user = this.fingerprints.loadCurrentUser(token.username(), token.passwordFingerprint());
			Authenticator authenticator = this.verifier.reserve(token.userId())
				.filter((candidate) -> isUnspent(token, candidate))
				.orElseThrow(InvalidMfaTokenException::new);
			// A locked second factor answers first, with its Retry-After.
			if (isUsedUp(token, authenticator) && !this.verifier.isLocked(authenticator)) {
				throw new InvalidMfaTokenException();
			}
			CodeAttempt attempt = this.verifier.attempt(authenticator, code, true);
			String factor = attempt.factor();
			return new Verification(attempt,
					(factor != null) ? completion.apply(authenticated(token, user, factor, attempt.at())) : null);
		}));
		CodeAttempt attempt = verification.attempt();
		this.verifier.publish(attempt);
		if (!attempt.succeeded()) {
			throw failure(token, attempt);
		}
		Authentication login = verification.login();
		Assert.state(login != null, "The completion of an accepted code returned null");
		this.events.publish(MfaAuditEventType.VERIFY_SUCCEEDED, token.userId());
		return login;
	}

	private static Authentication authenticated(EphemeralToken token, UserDetails user, String factor,
			Instant verifiedAt) {
		List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
		authorities.add(FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)
			.issuedAt(token.passwordAuthenticatedAt())
			.build());
		authorities.add(FactorGrantedAuthority.withAuthority(factor).issuedAt(verifiedAt).build());
		// The user's password hash is erased here, as a manager would. The token's
		// fingerprint, which the reload matched to it, stays as the credentials where
		// the manager keeps them (jwt mode): the refresh token takes it from there, and
		// the user is not loaded again to issue it.
		if (user instanceof CredentialsContainer container) {
			container.eraseCredentials();
		}
		String fingerprint = token.passwordFingerprint();
		return UsernamePasswordAuthenticationToken.authenticated(user,
				(fingerprint != null) ? new PasswordFingerprints.Fingerprint(fingerprint) : null, authorities);
	}

	// Any accepted code since the token's issue spends it, and a token of an earlier
	// authenticator is never good for a later one.
	private static boolean isUnspent(EphemeralToken token, Authenticator authenticator) {
		EphemeralToken.Binding binding = token.authenticator();
		return Objects.equals(authenticator.getId(), binding.id())
				&& authenticator.getAcceptedCodes() == binding.acceptedCodes();
	}

	private boolean isUsedUp(EphemeralToken token, Authenticator authenticator) {
		return authenticator.getFailedAttempts() - token.authenticator().failedAttempts() >= this.maxAttemptsPerToken;
	}

	private AuthenticationException failure(EphemeralToken token, CodeAttempt attempt) {
		AuthenticationException failure = attempt.failure();
		int tokenFailures = attempt.failures() - token.authenticator().failedAttempts();
		if (attempt.checked() && tokenFailures >= this.maxAttemptsPerToken
				&& !(failure instanceof TooManyMfaAttemptsException)) {
			return new TooManyMfaAttemptsException(TOKEN_USED_UP);
		}
		return failure;
	}

	private record Verification(CodeAttempt attempt, @Nullable Authentication login) {

	}

}
