package dev.springmfa.authentication;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.util.Assert;

/**
 * An {@link AuthenticationProvider} for {@link MfaCodeAuthenticationToken}s: the second
 * step of the login. It is never a bean, so that it does not take the place of the
 * application's own providers in Spring Security's global configuration.
 */
public final class MfaCodeAuthenticationProvider implements AuthenticationProvider {

	private final MfaVerificationService verificationService;

	/**
	 * Create a new instance.
	 * @param verificationService completes the login
	 */
	public MfaCodeAuthenticationProvider(MfaVerificationService verificationService) {
		Assert.notNull(verificationService, "verificationService cannot be null");
		this.verificationService = verificationService;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		MfaCodeAuthenticationToken request = (MfaCodeAuthenticationToken) authentication;
		return this.verificationService.verify(request.getEphemeralToken(), request.getCredentials());
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return MfaCodeAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
