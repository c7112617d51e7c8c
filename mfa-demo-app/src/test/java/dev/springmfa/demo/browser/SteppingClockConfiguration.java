package dev.springmfa.demo.browser;

import java.time.Instant;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Gives the application a {@link SteppingClock}; the starter's own clock backs off when
 * the application defines one.
 */
@TestConfiguration(proxyBeanMethods = false)
class SteppingClockConfiguration {

	@Bean
	SteppingClock steppingClock() {
		return new SteppingClock(Instant.now());
	}

}
