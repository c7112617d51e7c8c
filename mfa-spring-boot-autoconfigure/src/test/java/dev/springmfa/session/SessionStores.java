package dev.springmfa.session;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.session.data.redis.config.annotation.web.http.EnableRedisIndexedHttpSession;
import org.springframework.session.jdbc.config.annotation.web.http.EnableJdbcHttpSession;

/**
 * The Spring Session stores that the instances of {@link TwoInstanceApplication} share,
 * one per test class. Set up with Spring Session's own annotations, not Boot's session
 * auto-configuration: Boot's session modules on this module's test classpath would move
 * every other test of the module to Spring Session.
 */
final class SessionStores {

	private SessionStores() {
	}

	/**
	 * Spring Session JDBC on the application's data source (its tables made by the test
	 * beforehand).
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableJdbcHttpSession
	static class Jdbc {

	}

	/**
	 * Spring Session Redis with the index by principal name, which ending a user's
	 * sessions needs.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableRedisIndexedHttpSession(redisNamespace = "${test.redis.namespace}")
	static class Redis {

		@Bean
		LettuceConnectionFactory redisConnectionFactory() {
			return new LettuceConnectionFactory(
					new RedisStandaloneConfiguration(SharedStores.REDIS_HOST, SharedStores.REDIS_PORT));
		}

	}

}
