package dev.springmfa.benchmarks.load;

import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Replaces the application's {@link PasswordEncoder} with a delegating encoder that
 * stores new passwords as {@code {noop}} and still reads bcrypt: the load benchmark
 * measures what the MFA starter costs, which a bcrypt hash of some 70 ms a login would
 * hide. Only the benchmark's server JVM has it.
 */
final class NoopPasswordEncoderPostProcessor implements BeanPostProcessor {

	private static final Log logger = LogFactory.getLog(NoopPasswordEncoderPostProcessor.class);

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof PasswordEncoder)) {
			return bean;
		}
		logger.warn("Load benchmark: the password encoder '" + beanName + "' stores passwords in clear ({noop})");
		return cheapEncoder();
	}

	@SuppressWarnings("deprecation")
	private static PasswordEncoder cheapEncoder() {
		return new DelegatingPasswordEncoder("noop",
				Map.of("noop", NoOpPasswordEncoder.getInstance(), "bcrypt", new BCryptPasswordEncoder()));
	}

}
