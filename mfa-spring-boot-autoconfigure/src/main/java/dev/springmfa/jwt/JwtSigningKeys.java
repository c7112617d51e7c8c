package dev.springmfa.jwt;

import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;

import javax.crypto.SecretKey;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.JwtParserBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.SecureDigestAlgorithm;
import org.jspecify.annotations.Nullable;

import dev.springmfa.crypto.Hkdf;
import dev.springmfa.crypto.KeyIds;
import dev.springmfa.token.JacksonJwtDeserializer;
import dev.springmfa.token.JacksonJwtSerializer;
import org.springframework.util.Assert;

/**
 * The key that signs tokens of one kind, the key that verifies them and the one algorithm
 * they may use: HMAC-SHA256 with a secret key, or RS256/ES256/ES384/ES512 with a key
 * pair, so that other services can check tokens with the public key alone.
 */
public final class JwtSigningKeys {

	private final Key signingKey;

	private final Key verificationKey;

	private final SecureDigestAlgorithm<Key, Key> algorithm;

	private final @Nullable String keyId;

	@SuppressWarnings("unchecked")
	private JwtSigningKeys(Key signingKey, Key verificationKey, SecureDigestAlgorithm<?, ?> algorithm,
			@Nullable String keyId) {
		this.signingKey = signingKey;
		this.verificationKey = verificationKey;
		this.algorithm = (SecureDigestAlgorithm<Key, Key>) algorithm;
		this.keyId = keyId;
	}

	/**
	 * Return HS256 keys derived (HKDF) from key material, one key per purpose.
	 * @param keyMaterial at least 256 bits
	 * @param purpose what the derived key signs, so that each kind of token has its own
	 * @return the keys
	 */
	public static JwtSigningKeys hmac(byte[] keyMaterial, String purpose) {
		Key key = Hkdf.hmacSha256Key(keyMaterial, purpose);
		return new JwtSigningKeys(key, key, Jwts.SIG.HS256, null);
	}

	/**
	 * Return the keys of an RSA (RS256) or EC (ES256, ES384, ES512 by curve) key pair.
	 * The tokens name the key in their {@code kid} header: the first 8 bytes of the
	 * SHA-256 of the encoded public key, in hex.
	 * @param privateKey signs
	 * @param publicKey verifies
	 * @return the keys
	 * @throws IllegalArgumentException if the keys are of another type, too weak, or not
	 * of one pair
	 */
	public static JwtSigningKeys keyPair(PrivateKey privateKey, PublicKey publicKey) {
		Assert.notNull(privateKey, "privateKey cannot be null");
		Assert.notNull(publicKey, "publicKey cannot be null");
		SecureDigestAlgorithm<?, ?> algorithm = algorithmOf(privateKey);
		Assert.isTrue(privateKey.getAlgorithm().equals(publicKey.getAlgorithm()),
				"privateKey and publicKey must be of the same type");
		// The starter names every key it uses alike, the encryption keys included.
		JwtSigningKeys keys = new JwtSigningKeys(privateKey, publicKey, algorithm, KeyIds.of(publicKey.getEncoded()));
		keys.checkPair();
		return keys;
	}

	/**
	 * Sign a token, its JSON written with Jackson 3.
	 * @param builder the token
	 * @return the builder
	 */
	JwtBuilder sign(JwtBuilder builder) {
		if (this.keyId != null) {
			builder.header().keyId(this.keyId);
		}
		return builder.json(new JacksonJwtSerializer()).signWith(this.signingKey, this.algorithm);
	}

	/**
	 * Verify tokens with this key, and accept this algorithm only: {@code none}, another
	 * algorithm or another key fails the parse. Their JSON is read with Jackson 3.
	 * @param parser the parser
	 * @return the parser
	 */
	JwtParserBuilder verify(JwtParserBuilder parser) {
		if (this.verificationKey instanceof SecretKey secretKey) {
			parser.verifyWith(secretKey);
		}
		else {
			parser.verifyWith((PublicKey) this.verificationKey);
		}
		return parser.json(new JacksonJwtDeserializer()).sig().clear().add(this.algorithm).and();
	}

	/**
	 * Return the name of the algorithm, such as {@code HS256}.
	 * @return the algorithm
	 */
	public String algorithm() {
		return this.algorithm.getId();
	}

	private void checkPair() {
		String probe = sign(Jwts.builder().subject("probe")).compact();
		try {
			verify(Jwts.parser()).build().parseSignedClaims(probe);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("publicKey does not match privateKey", ex);
		}
	}

	private static SecureDigestAlgorithm<?, ?> algorithmOf(PrivateKey key) {
		if (key instanceof RSAKey rsa) {
			Assert.isTrue(rsa.getModulus().bitLength() >= 2048, "An RSA key must have at least 2048 bits");
			return Jwts.SIG.RS256;
		}
		if (key instanceof ECKey ec) {
			int bits = ec.getParams().getCurve().getField().getFieldSize();
			return switch (bits) {
				case 256 -> Jwts.SIG.ES256;
				case 384 -> Jwts.SIG.ES384;
				case 521 -> Jwts.SIG.ES512;
				default -> throw new IllegalArgumentException("An EC key must be on P-256, P-384 or P-521");
			};
		}
		throw new IllegalArgumentException("The key pair must be RSA or EC, not " + key.getAlgorithm());
	}

}
