package dev.springmfa.authorization;

import java.util.function.Predicate;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import dev.springmfa.MfaFactors;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AllRequiredFactorsAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ConditionalAuthorizationManager;
import org.springframework.security.authorization.DefaultAuthorizationManagerFactory;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * Builds the rule "a user who has a second factor must have proven it": TOTP or a
 * recovery code, either will do. Users without MFA see no change.
 */
public final class MfaAuthorizationManagers {

	private static final Authentication ANONYMOUS = new AnonymousAuthenticationToken("mfa", "anonymousUser",
			AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

	private MfaAuthorizationManagers() {
	}

	/**
	 * Return an authorization manager that requires the second factor of an enrolled user
	 * and grants everyone else.
	 * @param <T> the secured object
	 * @param enrolled tells whether a user has a second factor
	 * @return the manager
	 */
	public static <T> AuthorizationManager<T> secondFactorOfEnrolledUsers(Predicate<Authentication> enrolled) {
		return ConditionalAuthorizationManager.<T>when(enrolled).whenTrue(anySecondFactor()).build();
	}

	/**
	 * Return an
	 * {@link org.springframework.security.authorization.AuthorizationManagerFactory}
	 * whose {@code authenticated()}, {@code hasRole(...)}, {@code hasAuthority(...)} and
	 * the like also require the second factor of an enrolled user, in request and method
	 * security alike.
	 * @param enrolled tells whether a user has a second factor
	 * @param roleHierarchy the application's role hierarchy
	 * @param rolePrefix the application's role prefix
	 * @return the factory
	 */
	public static DefaultAuthorizationManagerFactory<Object> factory(Predicate<Authentication> enrolled,
			RoleHierarchy roleHierarchy, String rolePrefix) {
		DefaultAuthorizationManagerFactory<Object> factory = new DefaultAuthorizationManagerFactory<>();
		factory.setRoleHierarchy(roleHierarchy);
		factory.setRolePrefix(rolePrefix);
		factory.setAdditionalAuthorization(secondFactorOfEnrolledUsers(enrolled));
		return factory;
	}

	/**
	 * Return a post-processor for the request authorization of a filter chain, for
	 * {@code AuthorizeHttpRequestsConfigurer.addObjectPostProcessor}, that extends the
	 * rule to what the factory does not build, such as {@code access(manager)}: a request
	 * that the chain grants to an enrolled user without the second factor, and would not
	 * grant to an anonymous caller, is refused for the missing factor.
	 * @param enrolled tells whether a user has a second factor
	 * @return the post-processor
	 */
	public static ObjectPostProcessor<AuthorizationManager<HttpServletRequest>> requestAuthorization(
			Predicate<Authentication> enrolled) {
		AuthorizationManager<HttpServletRequest> secondFactor = anySecondFactor();
		return new ObjectPostProcessor<>() {

			@Override
			@SuppressWarnings("unchecked")
			public <O extends AuthorizationManager<HttpServletRequest>> O postProcess(O rules) {
				AuthorizationManager<HttpServletRequest> guarded = (authentication, request) -> {
					AuthorizationResult result = rules.authorize(authentication, request);
					if (!isGranted(result) || !enrolled.test(authentication.get())) {
						return result;
					}
					AuthorizationResult factor = secondFactor.authorize(authentication, request);
					if (isGranted(factor) || isGranted(rules.authorize(() -> ANONYMOUS, request))) {
						return result;
					}
					return factor;
				};
				return (O) guarded;
			}

		};
	}

	private static <T> AuthorizationManager<T> anySecondFactor() {
		return AllRequiredFactorsAuthorizationManager.anyOf(
				AllRequiredFactorsAuthorizationManager.<T>builder()
					.requireFactor((factor) -> factor.authority(MfaFactors.TOTP_AUTHORITY))
					.build(),
				AllRequiredFactorsAuthorizationManager.<T>builder()
					.requireFactor((factor) -> factor.authority(MfaFactors.RECOVERY_CODE_AUTHORITY))
					.build());
	}

	private static boolean isGranted(@Nullable AuthorizationResult result) {
		return result != null && result.isGranted();
	}

}
