package dev.springmfa.web;

import dev.springmfa.authentication.MfaCodeAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The second step of the login: converts a JSON ephemeral token and code into an
 * {@link MfaCodeAuthenticationToken} and hands it to the authentication manager.
 */
public final class MfaVerificationFilter extends AbstractAuthenticationProcessingFilter {

	/**
	 * Create a new instance.
	 * @param requestMatcher matches the verify request
	 * @param authenticationManager authenticates {@link MfaCodeAuthenticationToken}s
	 * @param messages reads the JSON
	 */
	public MfaVerificationFilter(RequestMatcher requestMatcher, AuthenticationManager authenticationManager,
			MfaHttpMessages messages) {
		super(requestMatcher, authenticationManager);
		setAuthenticationConverter((request) -> {
			MfaRequests.Verify verify = messages.read(request, MfaRequests.Verify.class);
			MfaCodeAuthenticationToken token = new MfaCodeAuthenticationToken(verify.ephemeralToken(), verify.code());
			token.setDetails(this.authenticationDetailsSource.buildDetails(request));
			return token;
		});
	}

}
