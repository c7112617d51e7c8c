package dev.springmfa.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;

import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.springmfa.jwt.JwtLoginService;
import dev.springmfa.jwt.JwtTokenService;
import dev.springmfa.jwt.RefreshTokenRepository;
import dev.springmfa.jwt.RefreshTokenRevocationListener;
import dev.springmfa.jwt.RefreshTokenService;
import dev.springmfa.web.MfaTokenRefreshFilter;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link MfaAutoConfiguration} with {@code mfa.login.mode=jwt}.
 */
class MfaJwtAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = MfaAutoConfigurationTests.contextRunner()
		.withPropertyValues("mfa.enabled=true", MfaAutoConfigurationTests.KEY);

	@Test
	void addsNoJwtPieceInSessionMode() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(JwtTokenService.class)
				.doesNotHaveBean(RefreshTokenService.class)
				.doesNotHaveBean(JwtLoginService.class)
				.doesNotHaveBean(RefreshTokenRepository.class);
			assertThat(filters(context)).hasAtLeastOneElementOfType(CsrfFilter.class)
				.doesNotHaveAnyElementsOfTypes(AuthenticationFilter.class, MfaTokenRefreshFilter.class);
		});
	}

	@Test
	void wiresTokensAndStatelessChainWhenModeIsJwt() {
		this.contextRunner.withPropertyValues("mfa.login.mode=jwt").run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(JwtTokenService.class)
				.hasSingleBean(RefreshTokenService.class)
				.hasSingleBean(JwtLoginService.class)
				.hasSingleBean(RefreshTokenRepository.class)
				.hasSingleBean(RefreshTokenRevocationListener.class);
			assertThat(filters(context)).hasAtLeastOneElementOfType(AuthenticationFilter.class)
				.hasAtLeastOneElementOfType(MfaTokenRefreshFilter.class)
				.doesNotHaveAnyElementsOfTypes(CsrfFilter.class);
		});
	}

	@ParameterizedTest
	@ValueSource(classes = { JwtTokenService.class, RefreshTokenService.class, RefreshTokenRepository.class,
			JwtLoginService.class, RefreshTokenRevocationListener.class })
	<T> void backsOffWhenUserDefinesBean(Class<T> type) {
		T custom = mock(type);
		this.contextRunner.withPropertyValues("mfa.login.mode=jwt")
			.withBean("custom", type, () -> custom)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeansOfType(type)).containsOnlyKeys("custom");
			});
	}

	@Test
	void issuerAudienceAndClientDefaultToTheApplicationName() {
		this.contextRunner.withPropertyValues("mfa.login.mode=jwt", "spring.application.name=shop").run((context) -> {
			JsonNode claims = claims(accessToken(context));
			assertThat(claims.get("iss").asString()).isEqualTo("shop");
			assertThat(claims.get("aud").toString()).contains("shop");
			assertThat(claims.get("client_id").asString()).isEqualTo("shop");
		});
	}

	@Test
	void appliesJwtProperties() {
		this.contextRunner
			.withPropertyValues("mfa.login.mode=jwt", "mfa.jwt.issuer=https://login.example",
					"mfa.jwt.audience=orders-api", "mfa.jwt.client-id=shop-spa", "mfa.jwt.access-token-ttl=5m")
			.run((context) -> {
				JsonNode claims = claims(accessToken(context));
				assertThat(claims.get("iss").asString()).isEqualTo("https://login.example");
				assertThat(claims.get("aud").toString()).contains("orders-api");
				assertThat(claims.get("client_id").asString()).isEqualTo("shop-spa");
				assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(300);
			});
	}

	@Test
	void signsAccessTokensWithKeyPairWhenConfigured(@TempDir Path directory) throws Exception {
		KeyPair pair = ecKeyPair();
		Path privateKey = directory.resolve("jwt.pem");
		Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate()));
		this.contextRunner
			.withPropertyValues("mfa.login.mode=jwt", "mfa.jwt.issuer=https://login.example", "mfa.jwt.audience=orders",
					"mfa.jwt.private-key=file:" + privateKey,
					"mfa.jwt.public-key=" + pem("PUBLIC KEY", pair.getPublic()))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				String token = accessToken(context);
				JsonNode header = part(token, 0);
				assertThat(header.get("alg").asString()).isEqualTo("ES256");
				assertThat(header.get("kid").asString()).hasSize(16);
				assertThat(claims(token).get("iss").asString()).isEqualTo("https://login.example");
				assertThat(context.getBean(JwtTokenService.class).parseAccessToken(token).username())
					.isEqualTo("alice");
			});
	}

	@Test
	void failsWithAnalysisWhenOnlyOneKeyOfThePairIsSet() {
		this.contextRunner.withPropertyValues("mfa.login.mode=jwt", "mfa.jwt.public-key=classpath:jwt-public.pem")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = MfaAutoConfigurationTests.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("mfa.jwt.private-key");
			});
	}

	@Test
	void failsWithAnalysisWhenPrivateKeyIsNotPem(@TempDir Path directory) throws Exception {
		Path junk = Files.writeString(directory.resolve("junk.pem"), "not a key");
		this.contextRunner
			.withPropertyValues("mfa.login.mode=jwt", "mfa.jwt.private-key=file:" + junk,
					"mfa.jwt.public-key=file:" + junk)
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = MfaAutoConfigurationTests.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("mfa.jwt.private-key")
					.contains("is not a readable PEM private key");
			});
	}

	@Test
	void failsWithAnalysisWhenKeysAreOfDifferentPairs() throws Exception {
		this.contextRunner
			.withPropertyValues("mfa.login.mode=jwt",
					"mfa.jwt.private-key=" + pem("PRIVATE KEY", ecKeyPair().getPrivate()),
					"mfa.jwt.public-key=" + pem("PUBLIC KEY", ecKeyPair().getPublic()))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(MfaAutoConfigurationTests.analyze(context.getStartupFailure()).getDescription())
					.contains("mfa.jwt.private-key")
					.contains("does not match");
			});
	}

	@Test
	void failsWithAnalysisWhenRefreshTokensLiveShorterThanAccessTokens() {
		this.contextRunner
			.withPropertyValues("mfa.login.mode=jwt", "mfa.jwt.access-token-ttl=1h", "mfa.jwt.refresh-token-ttl=30m")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(MfaAutoConfigurationTests.analyze(context.getStartupFailure()).getDescription())
					.contains("mfa.jwt.refresh-token-ttl");
			});
	}

	private static List<Filter> filters(AssertableWebApplicationContext context) {
		return context.getBean(FilterChainProxy.class).getFilterChains().get(0).getFilters();
	}

	private static String accessToken(AssertableWebApplicationContext context) {
		return context.getBean(JwtTokenService.class)
			.issueAccessToken("alice", List.of(FactorGrantedAuthority.fromAuthority("FACTOR_PASSWORD")));
	}

	private static JsonNode claims(String token) {
		return part(token, 1);
	}

	private static JsonNode part(String token, int index) {
		return JsonMapper.builder().build().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[index]));
	}

	private static KeyPair ecKeyPair() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generator.generateKeyPair();
	}

	private static String pem(String type, Key key) {
		String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
			.encodeToString(key.getEncoded());
		return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
	}

}
