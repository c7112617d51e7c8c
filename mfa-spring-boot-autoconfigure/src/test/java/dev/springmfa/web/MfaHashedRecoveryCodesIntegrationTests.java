package dev.springmfa.web;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.springmfa.web.MfaHttpClient.Response;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP contract with {@code mfa.recovery-codes.storage=hashed}, in session mode:
 * recovery codes carry an id ({@code xxxxx-xxxxx}), are shown once only, at activation
 * and regeneration, and the list answers their number alone; each still completes one
 * login.
 */
@SpringBootTest(classes = MfaTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { AbstractMfaLoginIntegrationTests.PROPERTIES, "mfa.recovery-codes.storage=hashed",
				"spring.datasource.url=jdbc:h2:mem:mfa-hashed;DB_CLOSE_DELAY=-1" })
class MfaHashedRecoveryCodesIntegrationTests extends AbstractMfaLoginIntegrationTests {

	@Override
	MfaHttpClient.Mode mode() {
		return MfaHttpClient.Mode.SESSION;
	}

	@Override
	void assertLoginHandedOver(MfaHttpClient client, Response login) {
		assertThat(login.body().has("accessToken")).isFalse();
		assertThat(client.cookie("JSESSIONID")).isNotNull();
	}

	@Override
	String recoveryCodeFormat() {
		return "[0-9a-z]{5}-[0-9a-z]{5}";
	}

	@Override
	void assertRecoveryCodesListed(JsonNode listed, List<String> issued) {
		assertThat(listed.get("codes").isArray()).isTrue();
		assertThat(listed.get("codes").isEmpty()).isTrue();
		assertThat(listed.get("remaining").asInt()).isEqualTo(issued.size());
	}

	@Test
	void recoveryCodesWhenHashedThenShownOnceAndListedByTheirNumberAlone() {
		enableMfa();
		assertThat(this.recoveryCodes).hasSize(10)
			.allMatch((code) -> code.matches(recoveryCodeFormat()))
			.extracting((code) -> code.substring(0, 2))
			.doesNotHaveDuplicates();
		Response listed = this.client.get("/api/auth/mfa/recovery-codes");
		assertThat(listed.status()).isEqualTo(200);
		assertThat(listed.text()).isEqualTo("{\"codes\":[],\"remaining\":10}");
		assertThat(this.client.get("/api/auth/mfa/status").body().get("recoveryCodesRemaining").asInt()).isEqualTo(10);
	}

	@Test
	void verifyWhenHashedRecoveryCodeThenItCompletesOneLoginOnly() {
		enableMfa();
		String recoveryCode = this.recoveryCodes.get(3);
		MfaHttpClient lost = newClient();
		String typedSloppily = " " + recoveryCode.toUpperCase().replace("-", " - ") + " ";
		Response recovered = verify(lost, login(lost, PASSWORD).field("ephemeralToken"), typedSloppily);
		assertThat(recovered.status()).as(recovered.toString()).isEqualTo(200);
		assertLoginHandedOver(lost, recovered);
		assertThat(factors(lost)).containsExactly("FACTOR_PASSWORD", "FACTOR_RECOVERY_CODE");
		assertThat(this.client.get("/api/auth/mfa/recovery-codes").text()).isEqualTo("{\"codes\":[],\"remaining\":9}");
		MfaHttpClient again = newClient();
		assertProblem(verify(again, login(again, PASSWORD).field("ephemeralToken"), recoveryCode), 401, "invalid_code");
		MfaHttpClient next = newClient();
		assertThat(verify(next, login(next, PASSWORD).field("ephemeralToken"), this.recoveryCodes.get(4)).status())
			.isEqualTo(200);
	}

	@Test
	void verifyWhenIdOfAnUnusedCodeWithWrongRestThenInvalidCode() {
		enableMfa();
		String code = this.recoveryCodes.get(0).replace("-", "");
		String wrongRest = code.substring(0, 2)
				+ ((code.charAt(9) == '0') ? code.substring(2, 9) + "1" : code.substring(2, 9) + "0");
		MfaHttpClient attacker = newClient();
		assertProblem(verify(attacker, login(attacker, PASSWORD).field("ephemeralToken"), wrongRest), 401,
				"invalid_code");
		assertProblem(verify(attacker, login(attacker, PASSWORD).field("ephemeralToken"), code.substring(2)), 401,
				"invalid_code");
		assertThat(this.client.get("/api/auth/mfa/recovery-codes").body().get("remaining").asInt()).isEqualTo(10);
	}

}
