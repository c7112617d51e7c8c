package dev.springmfa.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.session.data.redis.config.annotation.web.http.EnableRedisHttpSession;

import static dev.springmfa.autoconfigure.MfaAutoConfigurationTests.KEY;
import static dev.springmfa.autoconfigure.MfaAutoConfigurationTests.analyze;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the Spring Session part of {@link MfaAutoConfiguration}; the sessions of two
 * instances are in {@code dev.springmfa.session}.
 */
class MfaSpringSessionAutoConfigurationTests {

	@Test
	void failsWithAnalysisWhenSpringSessionDoesNotIndexSessionsByUser() {
		MfaAutoConfigurationTests.contextRunner()
			.withUserConfiguration(NotIndexedRedisSessions.class)
			.withPropertyValues("mfa.enabled=true", KEY)
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("index sessions by user");
				assertThat(analysis.getAction()).contains("spring.session.data.redis.repository-type=indexed");
			});
	}

	// Spring Boot's default for Redis: sessions that cannot be found by their user.
	@Configuration(proxyBeanMethods = false)
	@EnableRedisHttpSession
	static class NotIndexedRedisSessions {

		@Bean
		LettuceConnectionFactory redisConnectionFactory() {
			return new LettuceConnectionFactory("127.0.0.1", 6379);
		}

	}

}
