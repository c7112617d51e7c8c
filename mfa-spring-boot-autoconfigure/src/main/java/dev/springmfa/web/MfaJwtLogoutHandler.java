package dev.springmfa.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import dev.springmfa.MfaException;
import dev.springmfa.jwt.JwtLoginService;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.util.Assert;

/**
 * Revokes the refresh tokens of the user whose refresh token a logout request carries
 * ({@code {"refreshToken": "..."}}). A logout without a valid one revokes nothing and
 * still succeeds: logging out never fails.
 */
public class MfaJwtLogoutHandler implements LogoutHandler {

	private final JwtLoginService loginService;

	private final MfaJsonHttp json;

	/**
	 * Create a new instance.
	 * @param loginService revokes the tokens
	 * @param json reads the JSON
	 */
	public MfaJwtLogoutHandler(JwtLoginService loginService, MfaJsonHttp json) {
		Assert.notNull(loginService, "loginService cannot be null");
		this.loginService = loginService;
		this.json = json;
	}

	@Override
	public void logout(HttpServletRequest request, HttpServletResponse response,
			@Nullable Authentication authentication) {
		if (request.getContentLengthLong() == 0) {
			return;
		}
		try {
			this.loginService.logout(this.json.read(request, MfaRequests.Refresh.class).refreshToken());
		}
		catch (MfaException ex) {
			// Nothing to revoke.
		}
	}

}
