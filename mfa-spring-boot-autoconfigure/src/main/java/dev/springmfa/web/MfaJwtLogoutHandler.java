package dev.springmfa.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import dev.springmfa.jwt.JwtLoginService;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.util.Assert;

/**
 * Revokes the refresh tokens of the user whose refresh token a logout request carries
 * ({@code {"refreshToken": "..."}}). A logout without a valid one revokes nothing and
 * still succeeds: logging out never fails.
 */
public final class MfaJwtLogoutHandler implements LogoutHandler {

	private final JwtLoginService loginService;

	private final MfaHttpMessages messages;

	/**
	 * Create a new instance.
	 * @param loginService revokes the tokens
	 * @param messages reads the JSON
	 */
	public MfaJwtLogoutHandler(JwtLoginService loginService, MfaHttpMessages messages) {
		Assert.notNull(loginService, "loginService cannot be null");
		this.loginService = loginService;
		this.messages = messages;
	}

	@Override
	public void logout(HttpServletRequest request, HttpServletResponse response,
			@Nullable Authentication authentication) {
		if (request.getContentLengthLong() == 0) {
			return;
		}
		try {
			this.loginService.logout(this.messages.read(request, MfaRequests.Refresh.class).refreshToken());
		}
		catch (AuthenticationException ex) {
			// Nothing to revoke.
		}
	}

}
