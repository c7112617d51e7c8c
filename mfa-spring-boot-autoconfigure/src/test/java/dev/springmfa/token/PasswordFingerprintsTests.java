package dev.springmfa.token;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.springmfa.InvalidMfaTokenException;
import dev.springmfa.MfaErrorCode;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PasswordFingerprintsTests {

	private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private final InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(
			User.withUsername("alice").password("{bcrypt}a").roles("USER").build());

	private final PasswordFingerprints fingerprints = new PasswordFingerprints(KEY, this.users);

	@Test
	void fingerprintWhenPasswordHashChangesThenFingerprintChanges() {
		assertThat(this.fingerprints.fingerprint("{bcrypt}a")).isEqualTo(this.fingerprints.fingerprint("{bcrypt}a"))
			.isNotEqualTo(this.fingerprints.fingerprint("{bcrypt}b"))
			.doesNotContain("bcrypt");
	}

	@Test
	void fingerprintWhenOtherKeyMaterialThenOtherFingerprint() {
		byte[] otherKey = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
		assertThat(new PasswordFingerprints(otherKey, this.users).fingerprint("{bcrypt}a"))
			.isNotEqualTo(this.fingerprints.fingerprint("{bcrypt}a"));
	}

	@Test
	void constructorWhenKeyMaterialShorterThan256BitsThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PasswordFingerprints(new byte[31], this.users))
			.withMessage("keyMaterial must have at least 256 bits");
	}

	@Test
	void fingerprintOfWhenUserStoredThenFingerprintOfTheStoredHash() {
		assertThat(this.fingerprints.fingerprintOf("alice")).isEqualTo(this.fingerprints.fingerprint("{bcrypt}a"));
	}

	@Test
	void fingerprintOfWhenStoreKeepsNoPasswordThenNone() {
		PasswordFingerprints fingerprints = new PasswordFingerprints(KEY, (username) -> withoutPassword(username));
		assertThat(fingerprints.fingerprintOf("alice")).isNull();
	}

	@Test
	void fingerprintOfWhenNoSuchUserThenUsernameNotFound() {
		assertThatExceptionOfType(UsernameNotFoundException.class)
			.isThrownBy(() -> this.fingerprints.fingerprintOf("mallory"));
	}

	@Test
	void fingerprintOfAuthenticationWhenCredentialsAreAFingerprintThenThatOneWithoutLoadingTheUser() {
		PasswordFingerprints fingerprints = new PasswordFingerprints(KEY, (username) -> {
			throw new AssertionError("loaded " + username);
		});
		UserDetails erased = User.withUsername("alice").password("{bcrypt}a").roles("USER").build();
		((User) erased).eraseCredentials();
		String fingerprint = this.fingerprints.fingerprint("{bcrypt}a");
		assertThat(fingerprints.fingerprintOf(UsernamePasswordAuthenticationToken.authenticated(erased,
				new PasswordFingerprints.Fingerprint(fingerprint), erased.getAuthorities())))
			.isEqualTo(fingerprint);
	}

	@Test
	void fingerprintOfAuthenticationWhenPrincipalKeepsItsHashThenItsFingerprint() {
		UserDetails user = User.withUsername("alice").password("{bcrypt}b").roles("USER").build();
		assertThat(this.fingerprints.fingerprintOf(
				UsernamePasswordAuthenticationToken.authenticated(user, "raw password", user.getAuthorities())))
			.isEqualTo(this.fingerprints.fingerprint("{bcrypt}b"));
	}

	@Test
	void fingerprintOfAuthenticationWhenHashErasedThenTheStoredOnesWhateverTheCredentials() {
		UserDetails erased = User.withUsername("alice").password("{bcrypt}b").roles("USER").build();
		((User) erased).eraseCredentials();
		// A raw password left as the credentials is never taken for a fingerprint.
		assertThat(this.fingerprints.fingerprintOf(
				UsernamePasswordAuthenticationToken.authenticated(erased, "raw password", erased.getAuthorities())))
			.isEqualTo(this.fingerprints.fingerprint("{bcrypt}a"));
	}

	@Test
	void fingerprintToStringThenShowsNothingOfIt() {
		String fingerprint = this.fingerprints.fingerprint("{bcrypt}a");
		assertThat(new PasswordFingerprints.Fingerprint(fingerprint).toString()).doesNotContain(fingerprint)
			.isEqualTo("Fingerprint[value=<redacted>]");
		assertThatIllegalArgumentException().isThrownBy(() -> new PasswordFingerprints.Fingerprint(""));
	}

	@Test
	void loadCurrentUserWhenSameFingerprintThenUserAsStored() {
		UserDetails user = this.fingerprints.loadCurrentUser("alice", this.fingerprints.fingerprintOf("alice"));
		assertThat(user.getUsername()).isEqualTo("alice");
		assertThat(user.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_USER");
	}

	@Test
	void loadCurrentUserWhenTokenHasNoFingerprintThenUserWhateverThePassword() {
		assertThat(this.fingerprints.loadCurrentUser("alice", null).getUsername()).isEqualTo("alice");
	}

	@Test
	void loadCurrentUserWhenPasswordChangedThenInvalidToken() {
		String fingerprint = this.fingerprints.fingerprintOf("alice");
		this.users.updatePassword(this.users.loadUserByUsername("alice"), "{bcrypt}b");
		assertInvalidToken(() -> this.fingerprints.loadCurrentUser("alice", fingerprint));
	}

	@Test
	void loadCurrentUserWhenFingerprintDiffersInOneCharacterThenInvalidToken() {
		String fingerprint = this.fingerprints.fingerprintOf("alice");
		char last = fingerprint.charAt(fingerprint.length() - 1);
		String forged = fingerprint.substring(0, fingerprint.length() - 1) + ((last == 'A') ? 'B' : 'A');
		assertInvalidToken(() -> this.fingerprints.loadCurrentUser("alice", forged));
	}

	@Test
	void loadCurrentUserWhenFingerprintOfAnotherLengthThenInvalidToken() {
		String fingerprint = this.fingerprints.fingerprintOf("alice");
		assertInvalidToken(() -> this.fingerprints.loadCurrentUser("alice", fingerprint.substring(1)));
		assertInvalidToken(() -> this.fingerprints.loadCurrentUser("alice", fingerprint + "A"));
		assertInvalidToken(() -> this.fingerprints.loadCurrentUser("alice", ""));
	}

	@Test
	void loadCurrentUserWhenStoreKeepsNoPasswordButTokenHasFingerprintThenInvalidToken() {
		PasswordFingerprints fingerprints = new PasswordFingerprints(KEY, (username) -> withoutPassword(username));
		assertInvalidToken(() -> fingerprints.loadCurrentUser("alice", this.fingerprints.fingerprint("{bcrypt}a")));
	}

	@Test
	void loadCurrentUserWhenUserGoneThenInvalidToken() {
		String fingerprint = this.fingerprints.fingerprintOf("alice");
		this.users.deleteUser("alice");
		assertInvalidToken(() -> this.fingerprints.loadCurrentUser("alice", fingerprint));
	}

	@Test
	void loadCurrentUserWhenUserDisabledThenInvalidToken() {
		String fingerprint = this.fingerprints.fingerprintOf("alice");
		this.users.updateUser(User.withUsername("alice").password("{bcrypt}a").roles("USER").disabled(true).build());
		assertInvalidToken(() -> this.fingerprints.loadCurrentUser("alice", fingerprint));
	}

	@Test
	void loadCurrentUserWhenUserLockedThenInvalidToken() {
		String fingerprint = this.fingerprints.fingerprintOf("alice");
		this.users
			.updateUser(User.withUsername("alice").password("{bcrypt}a").roles("USER").accountLocked(true).build());
		assertInvalidToken(() -> this.fingerprints.loadCurrentUser("alice", fingerprint));
	}

	@Test
	void matchesWhenEqualThenTrue() {
		String fingerprint = this.fingerprints.fingerprint("{bcrypt}a");
		assertThat(PasswordFingerprints.matches(fingerprint, new String(fingerprint))).isTrue();
	}

	@Test
	void matchesWhenSameLengthButUnequalThenFalse() {
		assertThat(PasswordFingerprints.matches(this.fingerprints.fingerprint("{bcrypt}a"),
				this.fingerprints.fingerprint("{bcrypt}b")))
			.isFalse();
		assertThat(PasswordFingerprints.matches("abcd", "abce")).isFalse();
	}

	@Test
	void matchesWhenLengthsDifferThenFalse() {
		String fingerprint = this.fingerprints.fingerprint("{bcrypt}a");
		assertThat(PasswordFingerprints.matches(fingerprint, fingerprint.substring(0, 10))).isFalse();
		assertThat(PasswordFingerprints.matches(fingerprint, fingerprint + fingerprint)).isFalse();
		assertThat(PasswordFingerprints.matches(fingerprint, "")).isFalse();
	}

	private static UserDetails withoutPassword(String username) {
		return new UserDetails() {

			@Override
			public Collection<? extends GrantedAuthority> getAuthorities() {
				return List.of();
			}

			@Override
			public @Nullable String getPassword() {
				return null;
			}

			@Override
			public String getUsername() {
				return username;
			}

		};
	}

	private static void assertInvalidToken(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
		assertThatExceptionOfType(InvalidMfaTokenException.class).isThrownBy(call)
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(MfaErrorCode.INVALID_TOKEN));
	}

}
