package dev.springmfa.fuzz;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.springmfa.InvalidMfaTokenException;
import dev.springmfa.MfaErrorCode;
import dev.springmfa.authenticator.ActivationTokenService;
import dev.springmfa.jwt.JwtTokenService;
import dev.springmfa.jwt.RefreshTokenService;
import dev.springmfa.recovery.RecoveryCodeGenerator;
import dev.springmfa.token.MfaTokenService;
import dev.springmfa.totp.Base32;
import dev.springmfa.totp.TotpGenerator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

/**
 * One coverage-guided fuzz target (Jazzer, on libFuzzer) for the starter's parsers of
 * untrusted input: the four token parsers, the code normaliser and the TOTP check, and
 * the JSON readers of the endpoints behind the real filter chain. The first bytes of each
 * input pick the parser; the rest drive it:
 * <ul>
 * <li>a valid token of each kind mutated (bit flips, truncation, insertion, segments of
 * another kind, {@code alg: none} and other headers, rewritten claims, huge, Unicode):
 * each parser refuses it with {@link InvalidMfaTokenException} and no other exception,
 * and never accepts it, not even in another spelling of the same signature, and the
 * endpoint that takes it answers 4xx;</li>
 * <li>any string to every parser at once: refused the same way;</li>
 * <li>any string as a recovery code or TOTP code: the normaliser neither throws nor
 * yields a malformed code as well-formed, and the TOTP check matches only six ASCII
 * digits that its window generates;</li>
 * <li>a body for any endpoint, raw or built from JSON values of every type (wrong types,
 * nesting, huge numbers, control characters) and then damaged, with the content type
 * picked too: the answer is never 5xx, and every error is a problem document with a code
 * of the contract.</li>
 * </ul>
 * Without {@code JAZZER_FUZZ} the target runs as a plain test over its saved inputs; the
 * build runs it in a JVM of its own with {@code JAZZER_FUZZ=1} for
 * {@code mfa.fuzz.duration} (see the {@code long} profile). A finding is saved under the
 * module's directory with the command that replays it.
 */
@SpringBootTest(classes = FuzzApp.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
		"mfa.enabled=true", "mfa.login.mode=jwt", "mfa.encryption.key=gRQP+S3aBi5IVcJfm2QQWhiijs17qGB6P2sy1KAISHw=",
		"spring.datasource.url=jdbc:h2:mem:mfa-fuzz;DB_CLOSE_DELAY=-1", "spring.jpa.hibernate.ddl-auto=validate",
		// No lock in the way of the code checks the fuzzer drives.
		"mfa.lockout.max-attempts=1000000000", "mfa.lockout.max-consecutive-failures=1000000000",
		"logging.level.root=WARN" })
class MfaInputsFuzzTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final Set<String> ERROR_CODES = Stream.of(MfaErrorCode.values())
		.map(MfaErrorCode::code)
		.collect(Collectors.toSet());

	private static final String[] ALGORITHMS = { "HS256", "HS384", "HS512", "RS256", "ES256", "PS256", "EdDSA", "none",
			"NONE", "nOnE", "" };

	private static final String[] CONTENT_TYPES = { "application/json", "application/json;charset=UTF-8",
			"application/json;charset=UTF-16", "application/json;charset=ISO-8859-1", "application/problem+json",
			"application/*+json", "text/plain", "application/x-www-form-urlencoded", "*/*", "", ";;;" };

	private static final int MAX_TOKEN_LENGTH = 20_000;

	private static final LongAdder inputs = new LongAdder();

	private static final Map<String, LongAdder> byTarget = new ConcurrentHashMap<>();

	private static final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();

	@Autowired
	WebApplicationContext context;

	@Autowired
	MfaTokenService ephemeralTokens;

	@Autowired
	ActivationTokenService activationTokens;

	@Autowired
	JwtTokenService accessTokens;

	@Autowired
	RefreshTokenService refreshTokens;

	@Autowired
	TotpGenerator totp;

	// One for the JVM: Jazzer runs the saved inputs and the fuzzing on instances of their
	// own, and the enrolled user enrols once.
	private static volatile @Nullable Fixture shared;

	@FuzzTest(maxDuration = "10s")
	void untrustedInputIsRefusedAsDocumentedAndNeverFailsTheServer(FuzzedDataProvider data) throws Exception {
		Fixture fixture = fixture();
		inputs.increment();
		switch (data.consumeInt(0, 6)) {
			case 0 -> mutatedToken(data, fixture, TokenKind.EPHEMERAL);
			case 1 -> mutatedToken(data, fixture, TokenKind.ACTIVATION);
			case 2 -> mutatedToken(data, fixture, TokenKind.ACCESS);
			case 3 -> mutatedToken(data, fixture, TokenKind.REFRESH);
			case 4 -> anyStringToEveryParser(data);
			case 5 -> anyStringAsCode(data, fixture);
			default -> anyBody(data, fixture);
		}
	}

	@AfterAll
	static void report() {
		System.out.printf(Locale.ROOT, "Fuzzed %d inputs: %s; answers by status: %s%n", inputs.sum(),
				new TreeMap<>(byTarget), new TreeMap<>(byStatus));
	}

	private void mutatedToken(FuzzedDataProvider data, Fixture fixture, TokenKind kind) throws Exception {
		count("token:" + kind.name().toLowerCase(Locale.ROOT));
		String original = fixture.token(kind);
		String mutated = mutate(data, original, fixture);
		if (mutated.equals(original)) {
			return;
		}
		try {
			parse(kind, mutated);
		}
		catch (InvalidMfaTokenException ex) {
			if (kind == TokenKind.ACCESS && mutated.trim().equals(original)) {
				// The bearer header's token is read trimmed, as RFC 9110 §5.5 lets a
				// server trim the whitespace around a field value: the same token.
				return;
			}
			MockHttpServletResponse answer = send(kind.request(mutated, fixture));
			String description = kind + " token " + mutated + " answered " + describe(answer);
			if (kind == TokenKind.ACCESS && !isAllowedInHeader(mutated)) {
				// Spring Security's firewall refuses such a header before any chain, with
				// a bare 400, as an HTTP server in front would.
				assertThat(answer.getStatus()).as(description).isEqualTo(400);
				return;
			}
			assertThat(answer.getStatus()).as(description).isBetween(400, 499);
			assertProblem(answer, description);
			return;
		}
		throw new AssertionError(kind + " token accepted after mutation: " + mutated + " (was " + original + ")");
	}

	private void anyStringToEveryParser(FuzzedDataProvider data) {
		count("token:any");
		String token = data.consumeRemainingAsString();
		for (TokenKind kind : TokenKind.values()) {
			try {
				parse(kind, token);
			}
			catch (InvalidMfaTokenException ex) {
				continue;
			}
			throw new AssertionError(kind + " parser accepted " + token);
		}
	}

	private void anyStringAsCode(FuzzedDataProvider data, Fixture fixture) {
		count("code");
		String input = data.consumeRemainingAsString();
		String normalized = RecoveryCodeGenerator.normalize(input);
		assertThat(RecoveryCodeGenerator.normalize(normalized)).isEqualTo(normalized);
		if (RecoveryCodeGenerator.isWellFormed(normalized)) {
			assertThat(normalized).matches("[0-9a-hjkmnp-tv-z]{8}");
			assertThat(RecoveryCodeGenerator.format(normalized)).hasSize(9);
		}
		Instant now = Instant.now();
		OptionalLong step = this.totp.verify(fixture.secret(), input, now);
		if (step.isPresent()) {
			assertThat(input).matches("[0-9]{6}");
			assertThat(this.totp.generate(fixture.secret(), step.getAsLong())).isEqualTo(input);
			assertThat(Math.abs(step.getAsLong() - this.totp.timeStep(now))).isLessThanOrEqualTo(1);
		}
	}

	private void anyBody(FuzzedDataProvider data, Fixture fixture) throws Exception {
		Endpoint endpoint = data.pickValue(Endpoint.values());
		count("body:" + endpoint.path);
		String contentType = data.consumeBoolean() ? "application/json" : data.pickValue(CONTENT_TYPES);
		byte[] body;
		if (data.consumeBoolean()) {
			body = data.consumeBytes(data.consumeInt(0, 20_000));
		}
		else {
			String json = JSON.writeValueAsString(object(data, fixture, endpoint.fields, 0));
			body = damage(data, json).getBytes(StandardCharsets.UTF_8);
		}
		MockHttpServletRequestBuilder request = MockMvcRequestBuilders.post(endpoint.path).content(body);
		if (!contentType.isEmpty()) {
			request.header(HttpHeaders.CONTENT_TYPE, contentType);
		}
		String bearer = endpoint.bearer(fixture);
		if (bearer != null) {
			request.header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer);
		}
		MockHttpServletResponse answer = send(request);
		String text = new String(body, StandardCharsets.UTF_8);
		String description = endpoint.path + " " + contentType + " " + text + " answered " + describe(answer);
		if (contentType.startsWith("application/x-www-form-urlencoded") && answer.getStatus() == 400
				&& answer.getContentAsByteArray().length == 0) {
			// A form body is read as parameters wherever a filter asks for one, and
			// Spring
			// Security's firewall refuses a control character in one, with a bare 400.
			return;
		}
		assertThat(answer.getStatus()).as(description).isLessThan(500);
		if (answer.getStatus() >= 400) {
			assertProblem(answer, description);
		}
	}

	// Values of every JSON type for the endpoint's fields and a few others, the right
	// ones among them, so that the fuzzer gets past the first checks.
	private JsonNode object(FuzzedDataProvider data, Fixture fixture, List<String> fields, int depth) {
		ObjectNode object = NODES.objectNode();
		for (String field : fields) {
			if (data.consumeInt(0, 7) != 0) {
				object.set(field, value(data, fixture, depth));
			}
		}
		int others = data.consumeInt(0, 2);
		for (int i = 0; i < others; i++) {
			object.set(data.consumeString(12), value(data, fixture, depth));
		}
		return object;
	}

	private JsonNode value(FuzzedDataProvider data, Fixture fixture, int depth) {
		return switch (data.consumeInt(0, 10)) {
			case 0, 1 -> NODES.stringNode(data.pickValue(fixture.dictionary()));
			case 2 -> NODES.stringNode(data.consumeString(64));
			case 3 -> NODES.numberNode(data.consumeInt());
			case 4 ->
				NODES.numberNode(new BigInteger(1, data.consumeBytes(48)).negate().shiftLeft(data.consumeInt(0, 1)));
			case 5 -> NODES.numberNode(data.consumeDouble());
			case 6 -> NODES.booleanNode(data.consumeBoolean());
			case 7 -> NODES.nullNode();
			case 8 -> (depth < 4) ? array(data, fixture, depth + 1) : NODES.arrayNode();
			case 9 -> (depth < 4) ? object(data, fixture, List.of("code", "username"), depth + 1) : NODES.objectNode();
			default -> NODES.stringNode(mutate(data, data.pickValue(fixture.dictionary()), fixture));
		};
	}

	private ArrayNode array(FuzzedDataProvider data, Fixture fixture, int depth) {
		ArrayNode array = NODES.arrayNode();
		int size = data.consumeInt(0, 3);
		for (int i = 0; i < size; i++) {
			array.add(value(data, fixture, depth));
		}
		return array;
	}

	// What a careless or hostile client does to a body on its way.
	private static String damage(FuzzedDataProvider data, String json) {
		String body = json;
		int damages = data.consumeInt(0, 2);
		for (int i = 0; i < damages; i++) {
			int at = data.consumeInt(0, body.length());
			body = switch (data.consumeInt(0, 9)) {
				case 0 -> body.substring(0, at);
				case 1 -> body.substring(0, at) + data.consumeString(8) + body.substring(at);
				case 2 -> "[".repeat(data.consumeInt(0, 20_000)) + body;
				case 3 -> body.substring(0, at) + "1e" + data.consumeInt() + body.substring(at);
				case 4 -> "\uFEFF" + body;
				case 5 -> body.replace("\"", "'");
				case 6 -> body.replaceFirst("\\{", "{\"code\":" + data.consumeInt() + ",");
				case 7 -> body.substring(0, at) + "\u0000\u0085\u2028\r\n" + body.substring(at);
				case 8 -> body + "," + body;
				default -> body.substring(0, at) + "/*" + body.substring(at);
			};
		}
		return body;
	}

	private static String mutate(FuzzedDataProvider data, String original, Fixture fixture) {
		String token = original;
		int mutations = data.consumeInt(1, 4);
		for (int i = 0; i < mutations && data.remainingBytes() > 0; i++) {
			token = switch (data.consumeInt(0, 10)) {
				case 0 -> flipBit(token, data.consumeInt(0, Math.max(0, token.length() - 1)), data.consumeInt(0, 15));
				case 1 -> token.substring(0, data.consumeInt(0, token.length()));
				case 2 -> insert(token, data.consumeInt(0, token.length()), data.consumeString(16));
				case 3 -> delete(token, data.consumeInt(0, token.length()), data.consumeInt(0, 16));
				case 4 -> withSegment(token, data.consumeInt(0, 2),
						segment(fixture.token(data.pickValue(TokenKind.values())), data.consumeInt(0, 2)));
				case 5 -> encode("{\"alg\":\"" + data.pickValue(ALGORITHMS) + "\"}") + "." + segment(token, 1) + "."
						+ (data.consumeBoolean() ? "" : segment(token, 2));
				case 6 -> withSegment(token, 0, header(data, token));
				case 7 -> withSegment(token, data.consumeInt(0, 1), encode(data.consumeString(200)));
				case 8 -> withSegment(token, 1, claims(data, token));
				case 9 -> insert(token, data.consumeInt(0, token.length()),
						String.valueOf(data.consumeChar()).repeat(data.consumeInt(1, MAX_TOKEN_LENGTH)));
				default -> token + "." + data.consumeAsciiString(64);
			};
			if (token.length() > MAX_TOKEN_LENGTH) {
				token = token.substring(0, MAX_TOKEN_LENGTH);
			}
		}
		return token;
	}

	// The original header with one member changed: another algorithm, compression, an
	// unencoded payload (RFC 7797), a critical extension, a key id or type.
	private static String header(FuzzedDataProvider data, String token) {
		ObjectNode header = decodeObject(segment(token, 0));
		switch (data.consumeInt(0, 5)) {
			case 0 -> header.put("alg", data.pickValue(ALGORITHMS));
			case 1 -> header.put("zip", data.consumeBoolean() ? "DEF" : data.consumeString(8));
			case 2 -> header.put("b64", false);
			case 3 -> header.set("crit", NODES.arrayNode().add(data.consumeString(8)));
			case 4 -> header.put("kid", data.consumeString(32));
			default -> header.put("typ", data.consumeString(12));
		}
		return encode(header.toString());
	}

	// The original claims with one changed: another purpose, subject, expiry, or a claim
	// of the wrong type.
	private static String claims(FuzzedDataProvider data, String token) {
		ObjectNode claims = decodeObject(segment(token, 1));
		String name = data.pickValue(List.of("pur", "sub", "exp", "iat", "nbf", "uid", "aid", "acc", "fai", "iss",
				"aud", "amr", "amr_times", "authorities", "fam", "sec", "kid", data.consumeString(8)));
		switch (data.consumeInt(0, 4)) {
			case 0 -> claims.put(name, data.consumeString(16));
			case 1 -> claims.put(name, data.consumeLong());
			case 2 -> claims.set(name, NODES.arrayNode().add(data.consumeString(8)));
			case 3 -> claims.putNull(name);
			default -> claims.remove(name);
		}
		return encode(claims.toString());
	}

	private static ObjectNode decodeObject(String segment) {
		try {
			JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(segment));
			if (node instanceof ObjectNode object) {
				return object;
			}
		}
		catch (RuntimeException ex) {
			// an earlier mutation broke it: start from nothing
		}
		return NODES.objectNode();
	}

	private void parse(TokenKind kind, String token) {
		switch (kind) {
			case EPHEMERAL -> this.ephemeralTokens.parseEphemeralToken(token);
			case ACTIVATION -> this.activationTokens.parseActivationToken(token, FuzzApp.PLAIN);
			case ACCESS -> this.accessTokens.parseAccessToken(token);
			case REFRESH -> this.refreshTokens.parseRefreshToken(token);
		}
	}

	private MockHttpServletResponse send(MockHttpServletRequestBuilder request) throws Exception {
		MockHttpServletResponse answer = fixture().mvc().perform(request).andReturn().getResponse();
		byStatus.computeIfAbsent(answer.getStatus(), (status) -> new LongAdder()).increment();
		return answer;
	}

	private static void assertProblem(MockHttpServletResponse answer, String description) throws Exception {
		String body = answer.getContentAsString();
		assertThat(answer.getContentType()).as(description).startsWith("application/problem+json");
		JsonNode problem = JSON.readTree(body);
		assertThat(problem.get("code").asString()).as(description).isIn(ERROR_CODES);
		assertThat(problem.get("status").asInt()).as(description).isEqualTo(answer.getStatus());
		assertThat(body).as(description)
			.doesNotContain("Exception")
			.doesNotContain("at dev.")
			.doesNotContain("at org.");
	}

	// StrictHttpFirewall's rule for header values: assigned characters, no control
	// character but a tab.
	private static boolean isAllowedInHeader(String value) {
		return value.codePoints().allMatch((c) -> Character.isDefined(c) && (c == '\t' || !Character.isISOControl(c)));
	}

	private static String describe(MockHttpServletResponse answer) throws Exception {
		return answer.getStatus() + " " + answer.getContentType() + " "
				+ answer.getHeaderNames()
					.stream()
					.map((name) -> name + ": " + answer.getHeaders(name))
					.collect(Collectors.joining(", ", "[", "] "))
				+ answer.getContentAsString();
	}

	private static void count(String target) {
		byTarget.computeIfAbsent(target, (name) -> new LongAdder()).increment();
	}

	private Fixture fixture() throws Exception {
		synchronized (MfaInputsFuzzTests.class) {
			Fixture created = shared;
			if (created == null) {
				created = Fixture.create(this.context, this.totp);
				shared = created;
			}
			return created;
		}
	}

	private static String flipBit(String token, int at, int bit) {
		if (token.isEmpty()) {
			return token;
		}
		char[] chars = token.toCharArray();
		chars[at] = (char) (chars[at] ^ (1 << bit));
		return new String(chars);
	}

	private static String insert(String token, int at, String text) {
		return token.substring(0, at) + text + token.substring(at);
	}

	private static String delete(String token, int at, int length) {
		return token.substring(0, at) + token.substring(Math.min(token.length(), at + length));
	}

	private static String segment(String token, int index) {
		String[] segments = token.split("\\.", -1);
		return (index < segments.length) ? segments[index] : "";
	}

	private static String withSegment(String token, int index, String segment) {
		String[] segments = token.split("\\.", -1);
		if (index >= segments.length) {
			return token + "." + segment;
		}
		segments[index] = segment;
		return String.join(".", segments);
	}

	private static String encode(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Each kind of token, and the request that carries it.
	 */
	enum TokenKind {

		EPHEMERAL, ACTIVATION, ACCESS, REFRESH;

		MockHttpServletRequestBuilder request(String token, Fixture fixture) {
			return switch (this) {
				case EPHEMERAL -> json("/api/auth/mfa/verify", Map.of("ephemeralToken", token, "code", "123456"));
				case ACTIVATION ->
					json("/api/auth/mfa/totp/activate", Map.of("activationToken", token, "code", "123456"))
						.header(HttpHeaders.AUTHORIZATION, "Bearer " + fixture.plainAccessToken());
				case ACCESS -> MockMvcRequestBuilders.get("/api/auth/mfa/status")
					.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
				case REFRESH -> json("/api/auth/token/refresh", Map.of("refreshToken", token));
			};
		}

		private static MockHttpServletRequestBuilder json(String path, Map<String, String> body) {
			return MockMvcRequestBuilders.post(path)
				.header(HttpHeaders.CONTENT_TYPE, "application/json")
				.content(JSON.writeValueAsString(body));
		}

	}

	/**
	 * The endpoints that read a body, their fields, and whose access token they carry.
	 */
	enum Endpoint {

		LOGIN("/api/auth/login", "username", "password"),

		VERIFY("/api/auth/mfa/verify", "ephemeralToken", "code"),

		REFRESH("/api/auth/token/refresh", "refreshToken"),

		STEP_UP("/api/auth/mfa/step-up", "code"),

		ACTIVATE("/api/auth/mfa/totp/activate", "activationToken", "code"),

		DEACTIVATE("/api/auth/mfa/totp/deactivate", "code"),

		REGENERATE("/api/auth/mfa/recovery-codes/regenerate", "code");

		private final String path;

		private final List<String> fields;

		Endpoint(String path, String... fields) {
			this.path = path;
			this.fields = List.of(fields);
		}

		@Nullable String bearer(Fixture fixture) {
			return switch (this) {
				case LOGIN, VERIFY, REFRESH -> null;
				case ACTIVATE -> fixture.plainAccessToken();
				default -> fixture.enrolledAccessToken();
			};
		}

	}

	/**
	 * What the fuzzer starts from: a valid token of each kind, taken through the HTTP
	 * contract as a client takes them, and the values that get a body past the first
	 * checks.
	 *
	 * @param mvc the real filter chain
	 * @param secret the enrolled user's TOTP secret
	 * @param tokens a valid token of each kind
	 * @param plainAccessToken an access token of the user without MFA
	 * @param enrolledAccessToken an access token of the enrolled user, with both factors
	 * @param dictionary values that a right body holds
	 */
	record Fixture(MockMvc mvc, byte[] secret, Map<TokenKind, String> tokens, String plainAccessToken,
			String enrolledAccessToken, List<String> dictionary) {

		String token(TokenKind kind) {
			return this.tokens.get(kind);
		}

		static Fixture create(WebApplicationContext context, TotpGenerator totp) throws Exception {
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
			JsonNode plain = post(mvc, "/api/auth/login",
					Map.of("username", FuzzApp.PLAIN, "password", FuzzApp.PASSWORD), null);
			String plainAccessToken = plain.get("accessToken").asString();
			JsonNode enrolling = post(mvc, "/api/auth/login",
					Map.of("username", FuzzApp.ENROLLED, "password", FuzzApp.PASSWORD), null);
			String enrollingAccessToken = enrolling.get("accessToken").asString();
			JsonNode activation = get(mvc, "/api/auth/mfa/totp/activate", enrollingAccessToken);
			byte[] secret = Base32.decode(activation.get("secret").asString());
			long step = totp.timeStep(Instant.now());
			JsonNode activated = post(
					mvc, "/api/auth/mfa/totp/activate", Map.of("activationToken",
							activation.get("activationToken").asString(), "code", totp.generate(secret, step)),
					enrollingAccessToken);
			List<String> recoveryCodes = Stream.of(JSON.treeToValue(activated.get("recoveryCodes"), String[].class))
				.toList();
			String ephemeralToken = post(mvc, "/api/auth/login",
					Map.of("username", FuzzApp.ENROLLED, "password", FuzzApp.PASSWORD), null)
				.get("ephemeralToken")
				.asString();
			JsonNode enrolled = post(mvc, "/api/auth/mfa/verify",
					Map.of("ephemeralToken", ephemeralToken, "code", totp.generate(secret, step + 1)), null);
			String enrolledAccessToken = enrolled.get("accessToken").asString();
			String activationToken = get(mvc, "/api/auth/mfa/totp/activate", plainAccessToken).get("activationToken")
				.asString();
			// A fresh ephemeral token: the verify above spent the first.
			String liveEphemeralToken = post(mvc, "/api/auth/login",
					Map.of("username", FuzzApp.ENROLLED, "password", FuzzApp.PASSWORD), null)
				.get("ephemeralToken")
				.asString();
			Map<TokenKind, String> tokens = Map.of(TokenKind.EPHEMERAL, liveEphemeralToken, TokenKind.ACTIVATION,
					activationToken, TokenKind.ACCESS, enrolledAccessToken, TokenKind.REFRESH,
					plain.get("refreshToken").asString());
			List<String> dictionary = Stream.concat(Stream.of(FuzzApp.ENROLLED, FuzzApp.PLAIN, FuzzApp.PASSWORD, "",
					" ", "000000", totp.generate(secret, step + 2), recoveryCodes.get(0).toUpperCase(Locale.ROOT),
					recoveryCodes.get(1).replace("-", " - ")), tokens.values().stream())
				.toList();
			return new Fixture(mvc, secret, tokens, plainAccessToken, enrolledAccessToken, dictionary);
		}

		private static JsonNode post(MockMvc mvc, String path, Map<String, String> body, @Nullable String bearer)
				throws Exception {
			MockHttpServletRequestBuilder request = MockMvcRequestBuilders.post(path)
				.header(HttpHeaders.CONTENT_TYPE, "application/json")
				.content(JSON.writeValueAsString(body));
			if (bearer != null) {
				request.header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer);
			}
			return answer(mvc, request, path);
		}

		private static JsonNode get(MockMvc mvc, String path, String bearer) throws Exception {
			return answer(mvc, MockMvcRequestBuilders.get(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer),
					path);
		}

		private static JsonNode answer(MockMvc mvc, MockHttpServletRequestBuilder request, String path)
				throws Exception {
			MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
			assertThat(response.getStatus()).as(path + " " + response.getContentAsString()).isEqualTo(200);
			return JSON.readTree(response.getContentAsString());
		}

	}

}
