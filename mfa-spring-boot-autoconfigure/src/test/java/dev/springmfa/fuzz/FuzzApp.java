package dev.springmfa.fuzz;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The app under the fuzzer: the starter in jwt mode on its default chain, so that every
 * token kind reaches an endpoint and no CSRF token stands before the bodies, and two
 * users: {@value #ENROLLED}, who turns TOTP on, and {@value #PLAIN}, who does not.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class FuzzApp {

	static final String ENROLLED = "alice";

	static final String PLAIN = "bob";

	static final String PASSWORD = "correct horse battery staple";

	@Bean
	InMemoryUserDetailsManager users() {
		return new InMemoryUserDetailsManager(User.withUsername(ENROLLED).password("{noop}" + PASSWORD).build(),
				User.withUsername(PLAIN).password("{noop}" + PASSWORD).build());
	}

}
