package dev.springmfa.web;

import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import dev.springmfa.MfaFactors;
import dev.springmfa.jwt.JwtLoginService;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.util.Assert;

/**
 * What turning MFA on does to the logins of the user: the login that turned it on gets
 * the TOTP factor (saved in its session, or as a new token pair in jwt mode), and every
 * other session of the user ends. Refresh tokens are revoked by
 * {@link dev.springmfa.jwt.RefreshTokenRevocationListener}.
 */
public final class MfaLoginUpgrade {

	private final MfaSessions sessions;

	private final @Nullable JwtLoginService jwtLoginService;

	private final Clock clock;

	private final SecurityContextRepository securityContextRepository = new HttpSessionSecurityContextRepository();

	private final SecurityContextHolderStrategy securityContextHolderStrategy = SecurityContextHolder
		.getContextHolderStrategy();

	/**
	 * Create a new instance.
	 * @param sessions ends the other sessions
	 * @param jwtLoginService issues the new token pair in jwt mode, {@code null} in
	 * session mode
	 * @param clock the clock
	 */
	public MfaLoginUpgrade(MfaSessions sessions, @Nullable JwtLoginService jwtLoginService, Clock clock) {
		Assert.notNull(sessions, "sessions cannot be null");
		this.sessions = sessions;
		this.jwtLoginService = jwtLoginService;
		this.clock = clock;
	}

	/**
	 * Upgrade the current login after TOTP was turned on, and end the user's other
	 * sessions.
	 * @param current the current login
	 * @param request the request
	 * @param response the response
	 * @return the new token pair in jwt mode, else {@code null}
	 */
	@Nullable TokenResponse totpActivated(Authentication current, HttpServletRequest request, HttpServletResponse response) {
		Authentication upgraded = MfaFactors.withSecondFactor(current, MfaFactors.TOTP_AUTHORITY, this.clock.instant());
		this.sessions.endOtherSessions(current.getName(), request);
		if (this.jwtLoginService != null) {
			return TokenResponse.of(this.jwtLoginService.login(upgraded));
		}
		SecurityContext context = this.securityContextHolderStrategy.createEmptyContext();
		context.setAuthentication(upgraded);
		this.securityContextHolderStrategy.setContext(context);
		this.securityContextRepository.saveContext(context, request, response);
		return null;
	}

}
