package dev.springmfa.token;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.io.DeserializationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JacksonJwtSerializerTests {

	private static final SecretKey KEY = new SecretKeySpec("0123456789abcdef0123456789abcdef".getBytes(), "HmacSHA256");

	private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

	private final JacksonJwtSerializer serializer = new JacksonJwtSerializer();

	private final JacksonJwtDeserializer deserializer = new JacksonJwtDeserializer();

	@Test
	void roundTripWhenClaimsOfEveryJsonTypeThenTypesAsJjwtJacksonReadsThem() {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("small", 42);
		claims.put("epoch", NOW.getEpochSecond());
		claims.put("large", 9_000_000_000L);
		claims.put("fraction", 1.5);
		claims.put("flag", true);
		claims.put("text", "ä \"quoted\"");
		claims.put("list", List.of("pwd", "otp"));
		claims.put("times", Map.of("pwd", 1_700_000_000L));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		this.serializer.serialize(claims, out);
		Map<String, ?> read = this.deserializer.deserialize(new StringReader(out.toString(StandardCharsets.UTF_8)));
		assertThat(read).isEqualTo(Map.of("small", 42, "epoch", (int) NOW.getEpochSecond(), "large", 9_000_000_000L,
				"fraction", 1.5, "flag", true, "text", "ä \"quoted\"", "list", List.of("pwd", "otp"), "times",
				Map.of("pwd", 1_700_000_000)));
		assertThat(read.get("list")).isInstanceOf(List.class);
		assertThat(read.get("times")).isInstanceOf(Map.class);
	}

	@Test
	void roundTripWhenSignedWithJjwtThenClaimsAndHeadersKeepTheirTypes() {
		String compact = Jwts.builder()
			.json(this.serializer)
			.header()
			.type("at+jwt")
			.keyId("k1")
			.and()
			.id("id")
			.subject("alice")
			.audience()
			.add("orders-api")
			.and()
			.claim("authorities", List.of("ROLE_USER"))
			.claim("amr_times", Map.of("pwd", NOW.getEpochSecond()))
			.claim("auth_time", NOW.getEpochSecond())
			.issuedAt(Date.from(NOW))
			.expiration(Date.from(NOW.plusSeconds(60)))
			.signWith(KEY, Jwts.SIG.HS256)
			.compact();
		Jws<Claims> jws = Jwts.parser()
			.json(this.deserializer)
			.verifyWith(KEY)
			.clock(() -> Date.from(NOW))
			.build()
			.parseSignedClaims(compact);
		assertThat(jws.getHeader().getType()).isEqualTo("at+jwt");
		assertThat(jws.getHeader().getKeyId()).isEqualTo("k1");
		Claims claims = jws.getPayload();
		assertThat(claims.getSubject()).isEqualTo("alice");
		assertThat(claims.getAudience()).containsExactly("orders-api");
		assertThat(claims.get("authorities", List.class)).containsExactly("ROLE_USER");
		assertThat(claims.get("amr_times", Map.class)).isEqualTo(Map.of("pwd", (int) NOW.getEpochSecond()));
		assertThat(claims.get("auth_time", Number.class).longValue()).isEqualTo(NOW.getEpochSecond());
		assertThat(claims.getIssuedAt()).isEqualTo(Date.from(NOW));
		assertThat(claims.getExpiration()).isEqualTo(Date.from(NOW.plusSeconds(60)));
	}

	@Test
	void deserializeWhenClaimTwiceThenRefused() {
		// A second "sub" must not win over the first one that a checker may have read.
		assertThatExceptionOfType(DeserializationException.class)
			.isThrownBy(() -> this.deserializer.deserialize(new StringReader("{\"sub\":\"alice\",\"sub\":\"bob\"}")));
	}

	@Test
	void parseWhenHeaderIsNotAJsonObjectThenJwtException() {
		String token = base64Url("[1,2]") + "." + base64Url("{}") + ".";
		assertThatExceptionOfType(JwtException.class)
			.isThrownBy(() -> Jwts.parser().json(this.deserializer).verifyWith(KEY).build().parse(token));
	}

	@Test
	void serializeThenStreamLeftOpenForJjwtToClose() {
		ClosingAwareStream out = new ClosingAwareStream();
		this.serializer.serialize(Map.of("sub", "alice"), out);
		assertThat(out.closed).isFalse();
		assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"sub\":\"alice\"}");
	}

	private static String base64Url(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	private static final class ClosingAwareStream extends ByteArrayOutputStream {

		private boolean closed;

		@Override
		public void close() {
			this.closed = true;
		}

	}

}
