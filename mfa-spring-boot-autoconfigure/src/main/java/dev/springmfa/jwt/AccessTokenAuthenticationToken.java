package dev.springmfa.jwt;

import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.util.Assert;

/**
 * A bearer access token: before authentication the compact token, after it the user with
 * the authorities and factors the token carries.
 */
public final class AccessTokenAuthenticationToken extends AbstractAuthenticationToken {

	private final @Nullable String username;

	private final String token;

	private AccessTokenAuthenticationToken(@Nullable String username, String token,
			Collection<? extends GrantedAuthority> authorities, boolean authenticated) {
		super(authorities);
		this.username = username;
		this.token = token;
		setAuthenticated(authenticated);
	}

	/**
	 * Return a token to authenticate.
	 * @param token the compact access token
	 * @return the request
	 */
	public static AccessTokenAuthenticationToken unauthenticated(String token) {
		Assert.hasText(token, "token cannot be empty");
		return new AccessTokenAuthenticationToken(null, token, List.of(), false);
	}

	/**
	 * Return an authenticated user.
	 * @param username the user
	 * @param token the compact access token
	 * @param authorities the authorities and factors of the token
	 * @return the authentication
	 */
	public static AccessTokenAuthenticationToken authenticated(String username, String token,
			Collection<? extends GrantedAuthority> authorities) {
		Assert.hasText(username, "username cannot be empty");
		return new AccessTokenAuthenticationToken(username, token, authorities, true);
	}

	/**
	 * Return the compact access token.
	 * @return the token
	 */
	public String getToken() {
		return this.token;
	}

	@Override
	public Object getCredentials() {
		return this.token;
	}

	@Override
	public @Nullable Object getPrincipal() {
		return this.username;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + " [Principal=" + this.username + ", Authorities=" + getAuthorities() + "]";
	}

}
