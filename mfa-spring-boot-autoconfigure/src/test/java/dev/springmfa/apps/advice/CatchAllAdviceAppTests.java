package dev.springmfa.apps.advice;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.springmfa.apps.AbstractExistingAppTests;
import dev.springmfa.apps.AppClient;
import dev.springmfa.apps.AppClient.Response;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter in an app with a catch-all {@code @ControllerAdvice}: the starter's
 * endpoints still answer their own errors with problem documents.
 */
@SpringBootTest(classes = CatchAllAdviceApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = AbstractExistingAppTests.MFA_ON)
class CatchAllAdviceAppTests extends AbstractExistingAppTests {

	@Override
	protected Class<?> application() {
		return CatchAllAdviceApp.class;
	}

	@Override
	protected List<PasswordLogin> passwordLogins() {
		return List.of(PasswordLogin.httpBasic());
	}

	@Test
	void startersErrorsStayProblemDocuments() {
		String username = newUser("USER");
		AppClient client = new AppClient(this.port);
		client.postJson("/api/auth/login", credentials(username));
		Response activation = client.get("/api/auth/mfa/totp/activate");
		assertProblem(
				client.postJson("/api/auth/mfa/totp/activate",
						"{\"activationToken\":\"" + activation.field("activationToken") + "\",\"code\":\"x\"}"),
				400, "invalid_code");
		assertProblem(client.postJson("/api/auth/mfa/totp/deactivate", "{}"), 400, "validation_failed");
		assertProblem(client.postJson("/api/auth/mfa/totp/deactivate", "{\"code\":\"123456\"}"), 409,
				"mfa_not_enabled");
		Enrolment enrolment = enrol(username);
		assertProblem(enrolment.client().get("/api/auth/mfa/totp/activate"), 409, "mfa_already_enabled");
		assertProblem(enrolment.client().postJson("/api/auth/mfa/totp/deactivate", "{\"code\":\"\"}"), 400,
				"validation_failed");
		assertProblem(enrolment.client().postJson("/api/auth/mfa/recovery-codes/regenerate", "{\"code\":\"000000\"}"),
				400, "invalid_code");
	}

	@Test
	void bodiesThatAreNotJsonAreRefusedWithProblemDocuments() {
		String username = newUser("USER");
		AppClient client = new AppClient(this.port);
		assertProblem(client.post("/api/auth/login", "username=" + username + "&password=x",
				"application/x-www-form-urlencoded"), 415, "unsupported_media_type");
		assertProblem(client.post("/api/auth/login", credentials(username), "text/plain"), 415,
				"unsupported_media_type");
		assertThat(client.postJson("/api/auth/login", credentials(username)).status()).isEqualTo(200);
		assertProblem(client.post("/api/auth/mfa/totp/deactivate", "{\"code\":\"123456\"}", "text/plain"), 415,
				"unsupported_media_type");
	}

	@Test
	void appsOwnErrorsStayTheApps() {
		String username = newUser("USER");
		Response failed = new AppClient(this.port).basic(username, PASSWORD).get("/api/fail");
		assertThat(failed.status()).isEqualTo(500);
		assertThat(failed.field("error")).isEqualTo(IllegalStateException.class.getName());
	}

}
