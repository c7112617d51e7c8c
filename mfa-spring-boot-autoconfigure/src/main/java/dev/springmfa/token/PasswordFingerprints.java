package dev.springmfa.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

import org.jspecify.annotations.Nullable;

import dev.springmfa.InvalidMfaTokenException;
import dev.springmfa.crypto.Hkdf;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.util.Assert;

/**
 * Ties a token to the password of the login that earned it. The token carries a
 * fingerprint, a keyed hash of the stored password hash: it changes when the password
 * does, and reveals nothing of it. When the token is used (the second login step, a
 * refresh in jwt mode) the user is loaded again and must still be enabled, unlocked, and
 * have the same password.
 */
public final class PasswordFingerprints {

	private static final String HMAC_SHA256 = "HmacSHA256";

	private final SecretKey fingerprintKey;

	private final UserDetailsService userDetailsService;

	private final AccountStatusUserDetailsChecker userDetailsChecker = new AccountStatusUserDetailsChecker();

	/**
	 * Create a new instance.
	 * @param keyMaterial at least 256 bits from which the fingerprint key is derived
	 * (HKDF)
	 * @param userDetailsService loads the users
	 */
	public PasswordFingerprints(byte[] keyMaterial, UserDetailsService userDetailsService) {
		Assert.notNull(userDetailsService, "userDetailsService cannot be null");
		this.fingerprintKey = Hkdf.hmacSha256Key(keyMaterial, "mfa-password-fingerprint");
		this.userDetailsService = userDetailsService;
	}

	/**
	 * Return the fingerprint of a user's password, for a token issued to the user.
	 * @param username the user, who has just logged in
	 * @return the fingerprint, or {@code null} if the store keeps no password hash
	 * @throws UsernameNotFoundException if there is no such user
	 */
	public @Nullable String fingerprintOf(String username) {
		Assert.notNull(username, "username cannot be null");
		// The provider erased the credentials of the authenticated principal: load the
		// hash.
		String password = this.userDetailsService.loadUserByUsername(username).getPassword();
		return (password != null) ? fingerprint(password) : null;
	}

	/**
	 * Return the fingerprint of the password that a login was checked against: the one
	 * its credentials carry (a {@link Fingerprint}, as the second step leaves where the
	 * login is kept nowhere), else the principal's, where the authentication left it (a
	 * {@link UserDetails} whose credentials were not erased), else the stored one, loaded
	 * again.
	 * @param passwordAuthentication the result of the password check
	 * @return the fingerprint, or {@code null} if the store keeps no password hash
	 * @throws UsernameNotFoundException if there is no such user
	 */
	public @Nullable String fingerprintOf(Authentication passwordAuthentication) {
		Assert.notNull(passwordAuthentication, "passwordAuthentication cannot be null");
		if (passwordAuthentication.getCredentials() instanceof Fingerprint fingerprint) {
			return fingerprint.value();
		}
		if (passwordAuthentication.getPrincipal() instanceof UserDetails user && user.getPassword() != null
				&& user.getUsername().equals(passwordAuthentication.getName())) {
			return fingerprint(user.getPassword());
		}
		return fingerprintOf(passwordAuthentication.getName());
	}

	/**
	 * Load the user of a token again, and check that the user may still log in with the
	 * password of the token.
	 * @param username the user of the token
	 * @param fingerprint the fingerprint in the token, or {@code null} if it has none
	 * @return the user as now stored
	 * @throws InvalidMfaTokenException if the user is gone, disabled, locked or expired,
	 * or the password changed
	 */
	public UserDetails loadCurrentUser(String username, @Nullable String fingerprint) {
		Assert.notNull(username, "username cannot be null");
		try {
			UserDetails user = this.userDetailsService.loadUserByUsername(username);
			this.userDetailsChecker.check(user);
			String password = user.getPassword();
			if (fingerprint != null && (password == null || !matches(fingerprint(password), fingerprint))) {
				throw new InvalidMfaTokenException();
			}
			return user;
		}
		catch (UsernameNotFoundException | AccountStatusException ex) {
			throw new InvalidMfaTokenException();
		}
	}

	/**
	 * Return the fingerprint of a password hash.
	 * @param passwordHash the stored password hash
	 * @return the fingerprint
	 */
	public String fingerprint(String passwordHash) {
		Assert.notNull(passwordHash, "passwordHash cannot be null");
		try {
			Mac mac = Mac.getInstance(HMAC_SHA256);
			mac.init(this.fingerprintKey);
			byte[] digest = mac.doFinal(passwordHash.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/**
	 * A password fingerprint as the credentials of a completed login whose password hash
	 * was erased, checked against the stored hash in the same request: what
	 * {@link #fingerprintOf(Authentication)} takes instead of loading the user again. It
	 * is a keyed hash, neither the password nor its hash, and its {@code toString} shows
	 * nothing of it.
	 *
	 * @param value the fingerprint
	 */
	public record Fingerprint(String value) {

		/**
		 * Create a new instance.
		 * @param value the fingerprint
		 */
		public Fingerprint {
			Assert.hasText(value, "value cannot be empty");
		}

		@Override
		public String toString() {
			return "Fingerprint[value=<redacted>]";
		}

	}

	// In constant time, as every comparison of values derived from a secret: the time of
	// a refusal tells nothing of the stored fingerprint.
	static boolean matches(String expected, String actual) {
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
				actual.getBytes(StandardCharsets.UTF_8));
	}

}
