package dev.springmfa.soak;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

import dev.springmfa.audit.RecordingAuditListener;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * One instance of the app under soak: the starter in jwt mode on its default chain, users
 * in memory (the test creates the same ones on every instance), the audit events
 * recorded, and {@link FastClock}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class SoakApp {

	@Bean
	InMemoryUserDetailsManager users() {
		return new InMemoryUserDetailsManager();
	}

	// The users' {noop} passwords stay as the test stores them. Spring Security would
	// otherwise upgrade each to bcrypt at its first login, with a salt of each instance's
	// own: a token that one instance issued, bound to the password's hash, would be
	// refused by the other, and every login would spend its CPU on bcrypt.
	@Bean
	PasswordEncoder passwordEncoder() {
		PasswordEncoder delegate = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		return new PasswordEncoder() {

			@Override
			public @Nullable String encode(@Nullable CharSequence rawPassword) {
				return delegate.encode(rawPassword);
			}

			@Override
			public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
				return delegate.matches(rawPassword, encodedPassword);
			}

		};
	}

	@Bean
	FastClock clock() {
		return new FastClock();
	}

	@Bean
	RecordingAuditListener auditEvents() {
		return new RecordingAuditListener();
	}

	/**
	 * A clock that runs {@value #SPEED} times as fast as the real one, the same for every
	 * instance and for the clients, so that a minute of soak spans twenty TOTP time
	 * steps, and locks and tokens expire while it runs; a time step still lasts three
	 * seconds, so that a code reaches the server in its step on a busy machine too.
	 */
	static class FastClock extends Clock {

		static final int SPEED = 10;

		private static final Instant START = Instant.now();

		private static final long START_NANOS = System.nanoTime();

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return START.plus(Duration.ofNanos((System.nanoTime() - START_NANOS) * SPEED));
		}

	}

}
