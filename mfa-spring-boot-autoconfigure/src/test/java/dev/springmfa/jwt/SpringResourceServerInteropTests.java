package dev.springmfa.jwt;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.springmfa.MfaFactors;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Another service checks the starter's access tokens with Spring Security's own
 * resource-server decoder and the public key alone, as an RFC 9068 access token.
 */
class SpringResourceServerInteropTests {

	private static final String ISSUER = "https://login.example";

	private final KeyPair pair = rsaKeyPair();

	private final JwtTokenService tokens = new JwtTokenService(
			JwtSigningKeys.keyPair(this.pair.getPrivate(), this.pair.getPublic()),
			new JwtTokenService.Settings(ISSUER, "orders-api", "shop-spa", Duration.ofMinutes(15)), Clock.systemUTC());

	@Test
	void decodeWhenAccessTokenValidatorOfRfc9068ThenClaimsAndFactorsAreRead() {
		Instant now = Instant.now();
		String token = this.tokens.issueAccessToken("alice", authorities(now));
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) this.pair.getPublic())
			.validateType(false)
			.build();
		decoder.setJwtValidator(JwtValidators.createAtJwtValidator()
			.issuer(ISSUER)
			.audience("orders-api")
			.clientId("shop-spa")
			.build());
		Jwt jwt = decoder.decode(token);
		assertThat(jwt.getSubject()).isEqualTo("alice");
		assertThat(jwt.getClaimAsStringList("amr")).containsExactly("pwd", "otp", "mfa");
		assertThat(jwt.getClaimAsMap("amr_times")).containsEntry("otp", now.getEpochSecond());
		assertThat(jwt.getClaimAsStringList("authorities")).containsExactly("ROLE_USER");
	}

	@Test
	void decodeWhenAudienceIsAnotherServiceThenRefused() {
		String token = this.tokens.issueAccessToken("alice", authorities(Instant.now()));
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) this.pair.getPublic())
			.validateType(false)
			.build();
		decoder.setJwtValidator(JwtValidators.createAtJwtValidator()
			.issuer(ISSUER)
			.audience("billing-api")
			.clientId("shop-spa")
			.build());
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(token));
	}

	@Test
	void decodeWhenDefaultDecoderThenTypeAtJwtIsRefused() {
		String token = this.tokens.issueAccessToken("alice", authorities(Instant.now()));
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) this.pair.getPublic()).build();
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(token))
			.withMessageContaining("typ");
	}

	private static List<GrantedAuthority> authorities(Instant now) {
		return List.of(new SimpleGrantedAuthority("ROLE_USER"),
				FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY).issuedAt(now).build(),
				FactorGrantedAuthority.withAuthority(MfaFactors.TOTP_AUTHORITY).issuedAt(now).build());
	}

	private static KeyPair rsaKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
