package dev.springmfa.autoconfigure;

import dev.springmfa.MfaUserIdResolver;
import dev.springmfa.authenticator.TotpEnrollmentService;
import dev.springmfa.authorization.MfaAuthorizationManagers;
import dev.springmfa.authorization.MfaEnrollment;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.hierarchicalroles.NullRoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authorization.AuthorizationManagerFactory;
import org.springframework.security.authorization.DefaultAuthorizationManagerFactory;
import org.springframework.security.config.core.GrantedAuthorityDefaults;

/**
 * Requires the second factor of enrolled users in the application's authorization rules.
 */
@Configuration(proxyBeanMethods = false)
class MfaAuthorizationConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MfaEnrollment mfaEnrollment(TotpEnrollmentService enrollments, MfaUserIdResolver userIdResolver) {
		return new MfaEnrollment(enrollments::isEnabled, userIdResolver);
	}

	// Raw, as Spring Security's own @EnableMultiFactorAuthentication declares it, so
	// that request and method security both find it.
	@Bean
	@ConditionalOnMissingBean(AuthorizationManagerFactory.class)
	@SuppressWarnings("rawtypes")
	DefaultAuthorizationManagerFactory mfaAuthorizationManagerFactory(MfaEnrollment enrollment,
			ObjectProvider<RoleHierarchy> roleHierarchy, ObjectProvider<GrantedAuthorityDefaults> authorityDefaults) {
		GrantedAuthorityDefaults defaults = authorityDefaults.getIfAvailable();
		return MfaAuthorizationManagers.factory(enrollment, roleHierarchy.getIfAvailable(NullRoleHierarchy::new),
				(defaults != null) ? defaults.getRolePrefix() : "ROLE_");
	}

}
