package dev.springmfa.authorization;

import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import dev.springmfa.MfaFactors;
import dev.springmfa.MfaUserIdResolver;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.util.Assert;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Tells whether the user of an authentication has a second factor, and so whether
 * authorization rules must require it: the condition of
 * {@link org.springframework.security.authorization.ConditionalAuthorizationManager}.
 * <p>
 * A login through the starter answers without a query: it carries a second factor, or
 * {@link MfaFactors#NOT_ENROLLED_AUTHORITY} when the user had none. Any other login (HTTP
 * Basic, form login, remember-me, another provider) is looked up, once per request.
 */
public final class MfaEnrollment implements Predicate<@Nullable Authentication> {

	private static final String MEMO_ATTRIBUTE = MfaEnrollment.class.getName() + ".MEMO";

	private final Predicate<String> enrolledUser;

	private final MfaUserIdResolver userIdResolver;

	private final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

	/**
	 * Create a new instance.
	 * @param enrolledUser tells whether a user id has a second factor
	 * @param userIdResolver resolves the user id of an authentication
	 */
	public MfaEnrollment(Predicate<String> enrolledUser, MfaUserIdResolver userIdResolver) {
		Assert.notNull(enrolledUser, "enrolledUser cannot be null");
		Assert.notNull(userIdResolver, "userIdResolver cannot be null");
		this.enrolledUser = enrolledUser;
		this.userIdResolver = userIdResolver;
	}

	@Override
	public boolean test(@Nullable Authentication authentication) {
		if (!this.trustResolver.isAuthenticated(authentication)) {
			return false;
		}
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			if (MfaFactors.isSecondFactor(authority.getAuthority())) {
				return true;
			}
			if (MfaFactors.NOT_ENROLLED_AUTHORITY.equals(authority.getAuthority())) {
				return false;
			}
		}
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null
				&& request.getAttribute(MEMO_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof Memo memo
				&& memo.authentication() == authentication) {
			return memo.enrolled();
		}
		boolean enrolled = this.enrolledUser.test(this.userIdResolver.resolve(authentication));
		if (request != null) {
			request.setAttribute(MEMO_ATTRIBUTE, new Memo(authentication, enrolled), RequestAttributes.SCOPE_REQUEST);
		}
		return enrolled;
	}

	/**
	 * Return whether an authentication is of a user who has a second factor and has not
	 * proven it in this login.
	 * @param authentication the authentication
	 * @return whether the login lacks the second factor its user must have
	 */
	public boolean lacksSecondFactor(@Nullable Authentication authentication) {
		return authentication != null && !MfaFactors.hasSecondFactor(authentication.getAuthorities())
				&& test(authentication);
	}

	@Override
	public String toString() {
		return "MFA_ENROLLED";
	}

	private record Memo(Authentication authentication, boolean enrolled) {

	}

}
