package dev.springmfa.jwt;

import java.util.ArrayList;
import java.util.List;

import dev.springmfa.jwt.JwtTokenService.AccessToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.util.Assert;

/**
 * Authenticates an {@link AccessTokenAuthenticationToken} from the token alone: its
 * authorities, and its factors with the time each was proven, so that Spring Security's
 * multi-factor authorization decides as it would for the session of the same login.
 */
public final class AccessTokenAuthenticationProvider implements AuthenticationProvider {

	private final JwtTokenService tokens;

	/**
	 * Create a new instance.
	 * @param tokens parses access tokens
	 */
	public AccessTokenAuthenticationProvider(JwtTokenService tokens) {
		Assert.notNull(tokens, "tokens cannot be null");
		this.tokens = tokens;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		AccessTokenAuthenticationToken request = (AccessTokenAuthenticationToken) authentication;
		AccessToken token = this.tokens.parseAccessToken(request.getToken());
		List<GrantedAuthority> authorities = new ArrayList<>();
		token.authorities().forEach((authority) -> authorities.add(new SimpleGrantedAuthority(authority)));
		authorities.addAll(token.factors());
		return AccessTokenAuthenticationToken.authenticated(token.username(), request.getToken(), authorities);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return AccessTokenAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
