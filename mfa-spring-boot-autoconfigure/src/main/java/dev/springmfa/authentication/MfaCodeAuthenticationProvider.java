package dev.springmfa.authentication;

import java.util.function.UnaryOperator;

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

	private final UnaryOperator<Authentication> completion;

	/**
	 * Create a new instance.
	 * @param verificationService completes the login
	 */
	public MfaCodeAuthenticationProvider(MfaVerificationService verificationService) {
		this(verificationService, UnaryOperator.identity());
	}

	/**
	 * Create a new instance whose logins record what their completion needs in the
	 * transaction that accepts the code.
	 * @param verificationService completes the login
	 * @param completion called in that transaction with the complete authentication (see
	 * {@link MfaVerificationService#verify(String, String, UnaryOperator)})
	 */
	public MfaCodeAuthenticationProvider(MfaVerificationService verificationService,
			UnaryOperator<Authentication> completion) {
		Assert.notNull(verificationService, "verificationService cannot be null");
		Assert.notNull(completion, "completion cannot be null");
		this.verificationService = verificationService;
		this.completion = completion;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		MfaCodeAuthenticationToken request = (MfaCodeAuthenticationToken) authentication;
		return this.verificationService.verify(request.getEphemeralToken(), request.getCredentials(), this.completion);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return MfaCodeAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
