package dev.springmfa.apps.access;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.springmfa.apps.AbstractExistingAppTests;
import dev.springmfa.apps.AppClient;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter in an app whose rules are hand-written {@code access(...)} managers: the
 * second factor holds there too, and a rule open to anonymous callers stays open.
 */
@SpringBootTest(classes = CustomRuleApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = AbstractExistingAppTests.MFA_ON)
class CustomRuleAppTests extends AbstractExistingAppTests {

	@Override
	protected Class<?> application() {
		return CustomRuleApp.class;
	}

	@Override
	protected List<PasswordLogin> passwordLogins() {
		return List.of(PasswordLogin.httpBasic());
	}

	@Override
	protected List<String> adminPaths() {
		return List.of();
	}

	@Test
	void handWrittenRuleRefusesThePasswordAloneOfAnEnrolledUser() {
		String username = newUser("USER");
		enrol(username);
		AppClient basic = new AppClient(this.port).basic(username, PASSWORD);
		assertMfaRequired(basic.get("/api/data"), "access(...) rule");
		assertThat(basic.get("/public/hello").status()).isEqualTo(200);
	}

}
