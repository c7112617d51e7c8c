package dev.springmfa.autoconfigure;

import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import dev.springmfa.web.HttpSessionRegistry;
import dev.springmfa.web.MfaSessions;
import dev.springmfa.web.SpringSessionRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.SessionRepository;
import org.springframework.util.function.SingletonSupplier;

/**
 * Ends a user's other sessions through Spring Session, where the application uses it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(FindByIndexNameSessionRepository.class)
class MfaSpringSessionConfiguration {

	// Spring Session's repository where the application has one, else the
	// container's sessions; looked up on first use, once every bean is there.
	@Bean
	@ConditionalOnMissingBean
	MfaSessions mfaSessions(ObjectProvider<FindByIndexNameSessionRepository<?>> repository) {
		return new LazyMfaSessions(SingletonSupplier.of(() -> {
			FindByIndexNameSessionRepository<?> sessions = repository.getIfUnique();
			return (sessions != null) ? new SpringSessionRegistry(sessions) : new HttpSessionRegistry();
		}));
	}

	// Turning MFA on must end the user's other sessions, and Spring Session finds them
	// only through its index by principal; the container's sessions are not there.
	@Bean
	static SmartInitializingSingleton mfaIndexedSessionsCheck(ObjectProvider<SessionRepository<?>> repository) {
		return () -> {
			SessionRepository<?> sessions = repository.getIfUnique();
			if (sessions != null && !(sessions instanceof FindByIndexNameSessionRepository)) {
				throw new MfaConfigurationException("mfa.enabled",
						"needs Spring Session to index sessions by user, so that turning MFA on ends the user's "
								+ "other sessions, and " + sessions.getClass().getSimpleName() + " does not",
						"With Spring Session Redis set spring.session.data.redis.repository-type=indexed; "
								+ "otherwise use a FindByIndexNameSessionRepository such as JDBC's.");
			}
		};
	}

	private record LazyMfaSessions(Supplier<MfaSessions> sessions) implements MfaSessions {

		@Override
		public void register(HttpServletRequest request, Authentication authentication) {
			this.sessions.get().register(request, authentication);
		}

		@Override
		public void endOtherSessions(String username, HttpServletRequest request) {
			this.sessions.get().endOtherSessions(username, request);
		}

	}

}
