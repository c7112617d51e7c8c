package dev.springmfa.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.springmfa.MfaFailure;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.RequiredFactorError;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.util.Assert;

/**
 * The JSON answers of the security filter chain: a completed login (the default
 * {@link MfaLoginCompletionHandler} of session mode), a refused one, a request that needs
 * a login, one that lacks the second factor, and one that lacks an authority. The
 * refusals are written by the {@link MfaProblemResponder}.
 */
public sealed class MfaAuthenticationHandlers implements MfaLoginCompletionHandler, AuthenticationFailureHandler,
		AuthenticationEntryPoint, AccessDeniedHandler permits MfaJwtAuthenticationHandlers {

	// Also the answer writer of the jwt subclass.
	final MfaHttpMessages messages;

	private final MfaProblemResponder problems;

	/**
	 * Create a new instance.
	 * @param messages writes the answer of a completed login
	 * @param problems writes the refusals
	 */
	public MfaAuthenticationHandlers(MfaHttpMessages messages, MfaProblemResponder problems) {
		Assert.notNull(messages, "messages cannot be null");
		Assert.notNull(problems, "problems cannot be null");
		this.messages = messages;
		this.problems = problems;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		this.messages.write(response, LoginResponse.complete(authentication.getName()));
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		this.problems.respondToLoginFailure(response, exception);
	}

	/**
	 * Refuse a step-up: a wrong code is a 400 there, since the login itself stands.
	 * @param request the request
	 * @param response the response
	 * @param exception why
	 * @throws IOException on a write failure
	 */
	public void onStepUpFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		if (exception instanceof MfaFailure) {
			this.problems.respond(response, exception);
			return;
		}
		commence(request, response, exception);
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		this.problems.respondUnauthenticated(response);
	}

	/**
	 * Answer a request that lacks the second factor, or whose factor is older than the
	 * rule allows, with {@code mfa_required}: the entry point that Spring Security's
	 * missing-authority handling calls for {@code FACTOR_TOTP} and
	 * {@code FACTOR_RECOVERY_CODE}.
	 * @param request the request
	 * @param response the response
	 * @param authException why
	 * @throws IOException on a write failure
	 */
	public void commenceSecondFactor(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		this.problems.respondSecondFactorRequired(response, factorErrors(request, authException));
	}

	@SuppressWarnings("unchecked")
	private static List<RequiredFactorError> factorErrors(HttpServletRequest request, Exception cause) {
		if (request.getAttribute(WebAttributes.REQUIRED_FACTOR_ERRORS) instanceof List<?> errors) {
			return MfaProblemResponder.secondFactorOnly((List<RequiredFactorError>) errors);
		}
		return (cause.getCause() instanceof AccessDeniedException denied)
				? MfaProblemResponder.secondFactorErrors(denied) : List.of();
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		this.problems.respondToAccessDenied(response, accessDeniedException);
	}

}
