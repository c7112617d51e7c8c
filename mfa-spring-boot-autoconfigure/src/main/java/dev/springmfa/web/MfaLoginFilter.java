package dev.springmfa.web;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import dev.springmfa.MfaFactors;
import dev.springmfa.authentication.MfaChallenge;
import dev.springmfa.authentication.MfaChallengeService;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.Assert;

/**
 * The password step of the login, in JSON. It authenticates through the application's
 * {@link org.springframework.security.authentication.AuthenticationManager}; a user
 * without MFA is logged in at once, a user with MFA gets an ephemeral token and stays
 * unauthenticated until {@link MfaVerificationFilter} completes the login.
 */
public final class MfaLoginFilter extends AbstractAuthenticationProcessingFilter {

	private final MfaChallengeService challengeService;

	private final MfaHttpMessages messages;

	/**
	 * Create a new instance.
	 * @param requestMatcher matches the login request
	 * @param challengeService decides whether a second factor is needed
	 * @param messages reads and writes the JSON
	 */
	public MfaLoginFilter(RequestMatcher requestMatcher, MfaChallengeService challengeService,
			MfaHttpMessages messages) {
		super(requestMatcher);
		Assert.notNull(challengeService, "challengeService cannot be null");
		Assert.notNull(messages, "messages cannot be null");
		this.challengeService = challengeService;
		this.messages = messages;
	}

	@Override
	public @Nullable Authentication attemptAuthentication(HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		MfaRequests.Login login = this.messages.read(request, MfaRequests.Login.class);
		UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken
			.unauthenticated(login.username(), login.password());
		token.setDetails(this.authenticationDetailsSource.buildDetails(request));
		Authentication authentication = getAuthenticationManager().authenticate(token);
		authentication = withPasswordFactor(authentication);
		Optional<MfaChallenge> challenge = this.challengeService.challengeIfRequired(authentication);
		if (challenge.isPresent()) {
			// Nothing is authenticated yet: no security context is saved, no session
			// made.
			this.messages.write(response, ChallengeResponse.of(challenge.get()));
			return null;
		}
		// Complete without a second factor: say so, so that authorization need not ask
		// the database whether this user must have one.
		return authentication.toBuilder()
			.authorities(
					(authorities) -> authorities.add(new SimpleGrantedAuthority(MfaFactors.NOT_ENROLLED_AUTHORITY)))
			.build();
	}

	// DaoAuthenticationProvider grants the password factor; other providers may not.
	private static Authentication withPasswordFactor(Authentication authentication) {
		boolean granted = authentication.getAuthorities()
			.stream()
			.anyMatch((authority) -> FactorGrantedAuthority.PASSWORD_AUTHORITY.equals(authority.getAuthority()));
		if (granted) {
			return authentication;
		}
		return authentication.toBuilder()
			.authorities((authorities) -> authorities
				.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)))
			.build();
	}

}
