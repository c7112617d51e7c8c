package dev.springmfa.autoconfigure;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.security.config.annotation.authentication.builders.AuthenticationManagerBuilder;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Finds the store of the application's users, through which the second login step loads
 * the user again: the one the application's authentication uses. That is the store set on
 * Spring Security's global {@link AuthenticationManagerBuilder}
 * ({@code jdbcAuthentication()}, {@code inMemoryAuthentication()},
 * {@code userDetailsService(...)}), else the unique {@link UserDetailsService} bean. A
 * builder with its own store ignores Spring Boot's generated user, and so does this.
 */
final class MfaUserStores {

	private MfaUserStores() {
	}

	static UserDetailsService find(ListableBeanFactory beans) {
		AuthenticationManagerBuilder builder = beans.getBeanProvider(AuthenticationManagerBuilder.class).getIfUnique();
		UserDetailsService configured = (builder != null) ? builder.getDefaultUserDetailsService() : null;
		if (configured != null) {
			return configured;
		}
		String[] names = beans.getBeanNamesForType(UserDetailsService.class);
		UserDetailsService bean = beans.getBeanProvider(UserDetailsService.class).getIfUnique();
		if (bean != null) {
			return bean;
		}
		throw new MfaConfigurationException("mfa.enabled",
				(names.length == 0)
						? "found no store of the application's users to load them again at the second login step"
						: "found " + names.length + " UserDetailsService beans and cannot tell which one logs users in",
				"Declare the store your login uses as a single UserDetailsService bean (for example a "
						+ "JdbcUserDetailsManager), mark one @Primary, or configure it on the AuthenticationManagerBuilder "
						+ "with jdbcAuthentication(), inMemoryAuthentication() or userDetailsService(...).");
	}

}
