package dev.springmfa.recovery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link RecoveryCodeHasher}.
 */
class RecoveryCodeHasherTests {

	private static final byte[] KEY = range(32);

	private static final byte[] OTHER_KEY = Base64.getDecoder().decode("xqh+7qCBiOoQPlcxj6wOn2fZNOEA0JjUGuveQKNalJg=");

	private static final String CODE = "ab3def6h7k";

	private static final String ALICE = "recovery-code:alice";

	private final RecoveryCodeHasher hasher = new RecoveryCodeHasher(KEY, List.of());

	@Test
	void matchesWhenHashOfAnEarlierReleaseThenStillMatches() {
		// Computed apart from this class (Python's hmac): HKDF-SHA256 of the key material
		// with a zero salt and the info "mfa-recovery-code-hash" is the key; the HMAC
		// covers the context's length (4 bytes, big-endian), the context, the salt, and
		// the code. Stored hashes must stay checkable across releases.
		StoredRecoveryCode.Hashed stored = new StoredRecoveryCode.Hashed("ab", "630dcd2966c43366",
				"AAECAwQFBgcICQoLDA0ODw==", "JgZzAkG9DWFEtsPUu2vuWg5vrNkVljoa7itgkN8UpZw=");
		assertThat(this.hasher.matches(stored, CODE, ALICE)).isTrue();
	}

	@Test
	void hashWhenCodeHashedThenItMatchesThatCodeForThatUserOnly() {
		StoredRecoveryCode.Hashed stored = this.hasher.hash(CODE, ALICE);
		assertThat(stored.codeId()).isEqualTo("ab");
		assertThat(stored.keyId()).isEqualTo("630dcd2966c43366");
		assertThat(this.hasher.matches(stored, CODE, ALICE)).isTrue();
		assertThat(this.hasher.matches(stored, "ab3def6h7m", ALICE)).isFalse();
		assertThat(this.hasher.matches(stored, CODE, "recovery-code:bob")).isFalse();
	}

	@Test
	void hashWhenSameCodeHashedTwiceThenEachHasASaltAndHashOfItsOwn() {
		StoredRecoveryCode.Hashed first = this.hasher.hash(CODE, ALICE);
		StoredRecoveryCode.Hashed second = this.hasher.hash(CODE, ALICE);
		assertThat(Base64.getDecoder().decode(first.salt())).hasSize(16);
		assertThat(first.salt()).isNotEqualTo(second.salt());
		assertThat(first.hash()).isNotEqualTo(second.hash());
	}

	@Test
	void hashWhenDumpedThenItIsNoUnkeyedHashOfTheCode() throws Exception {
		StoredRecoveryCode.Hashed stored = this.hasher.hash(CODE, ALICE);
		byte[] salt = Base64.getDecoder().decode(stored.salt());
		MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
		sha256.update(salt);
		byte[] unkeyed = sha256.digest(CODE.getBytes(StandardCharsets.US_ASCII));
		assertThat(Base64.getDecoder().decode(stored.hash())).isNotEqualTo(unkeyed);
		// Without the key material, the hash of the right code does not come out.
		StoredRecoveryCode.Hashed guess = new RecoveryCodeHasher(OTHER_KEY, List.of()).hash(CODE, ALICE);
		assertThat(this.hasher.matches(new StoredRecoveryCode.Hashed("ab", stored.keyId(), guess.salt(), guess.hash()),
				CODE, ALICE))
			.isFalse();
	}

	@Test
	void matchesWhenHashedUnderAPreviousKeyThenStillMatches() {
		StoredRecoveryCode.Hashed stored = this.hasher.hash(CODE, ALICE);
		RecoveryCodeHasher rotated = new RecoveryCodeHasher(OTHER_KEY, List.of(KEY));
		assertThat(rotated.matches(stored, CODE, ALICE)).isTrue();
		assertThat(rotated.hash(CODE, ALICE).keyId()).isNotEqualTo(stored.keyId());
	}

	@Test
	void matchesWhenKeyRetiredThenFailsNamingThePropertyToKeepIt() {
		StoredRecoveryCode.Hashed stored = this.hasher.hash(CODE, ALICE);
		RecoveryCodeHasher retired = new RecoveryCodeHasher(OTHER_KEY, List.of());
		assertThatIllegalStateException().isThrownBy(() -> retired.matches(stored, CODE, ALICE))
			.withMessageContaining(stored.keyId())
			.withMessageContaining("mfa.encryption.previous-keys");
	}

	@Test
	void matchesWhenHashTamperedThenFalse() {
		StoredRecoveryCode.Hashed stored = this.hasher.hash(CODE, ALICE);
		byte[] hash = Base64.getDecoder().decode(stored.hash());
		hash[0] ^= 1;
		StoredRecoveryCode.Hashed tampered = new StoredRecoveryCode.Hashed(stored.codeId(), stored.keyId(),
				stored.salt(), Base64.getEncoder().encodeToString(hash));
		assertThat(this.hasher.matches(tampered, CODE, ALICE)).isFalse();
	}

	@Test
	void hashWhenCodeHasNoIdThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.hasher.hash("abcdefgh", ALICE));
	}

	@Test
	void toStringWhenHashedThenShowsNoHash() {
		StoredRecoveryCode.Hashed stored = this.hasher.hash(CODE, ALICE);
		assertThat(stored.toString()).doesNotContain(stored.hash()).doesNotContain(stored.salt()).contains("ab");
	}

	private static byte[] range(int length) {
		byte[] bytes = new byte[length];
		for (int i = 0; i < length; i++) {
			bytes[i] = (byte) i;
		}
		return bytes;
	}

}
