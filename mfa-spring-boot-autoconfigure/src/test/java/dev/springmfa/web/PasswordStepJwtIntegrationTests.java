package dev.springmfa.web;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The password step's record and throttle in jwt mode.
 */
@SpringBootTest(classes = { MfaTestApplication.class, AbstractPasswordStepIntegrationTests.Recorders.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { AbstractPasswordStepIntegrationTests.PROPERTIES, "mfa.login.mode=jwt",
				"spring.datasource.url=jdbc:h2:mem:mfa-password-step-jwt;DB_CLOSE_DELAY=-1" })
class PasswordStepJwtIntegrationTests extends AbstractPasswordStepIntegrationTests {

	@Override
	MfaHttpClient.Mode mode() {
		return MfaHttpClient.Mode.JWT;
	}

}
