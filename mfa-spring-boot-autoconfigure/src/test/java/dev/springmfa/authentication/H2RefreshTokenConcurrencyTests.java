package dev.springmfa.authentication;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link AbstractRefreshTokenConcurrencyTests} on an in-memory H2 database, new in each
 * JVM.
 */
@TestPropertySource(properties = { "spring.datasource.url=jdbc:h2:mem:mfa_refresh;DB_CLOSE_DELAY=-1",
		"spring.datasource.username=sa", "spring.datasource.password=" })
class H2RefreshTokenConcurrencyTests extends AbstractRefreshTokenConcurrencyTests {

}
