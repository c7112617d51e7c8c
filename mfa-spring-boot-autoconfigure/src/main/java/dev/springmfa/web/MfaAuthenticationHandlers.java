package dev.springmfa.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.springmfa.MfaAuthenticationException;
import dev.springmfa.MfaErrorCode;
import dev.springmfa.MfaException;
import dev.springmfa.MfaFactors;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.FactorAuthorizationDecision;
import org.springframework.security.authorization.RequiredFactorError;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * The JSON answers of the security filter chain: a completed login, a refused one, a
 * request that needs a login, one that lacks the second factor, and one that lacks an
 * authority.
 */
public class MfaAuthenticationHandlers implements AuthenticationSuccessHandler, AuthenticationFailureHandler,
		AuthenticationEntryPoint, AccessDeniedHandler {

	private final MfaJsonHttp json;

	/**
	 * Create a new instance.
	 * @param json writes the JSON
	 */
	public MfaAuthenticationHandlers(MfaJsonHttp json) {
		this.json = json;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		this.json.write(response, Map.of("mfaRequired", false, "username", authentication.getName()));
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		if (exception instanceof MfaAuthenticationException mfa) {
			MfaException cause = mfa.getMfaException();
			this.json.writeProblem(response, cause, MfaJsonHttp.loginStatus(cause));
			return;
		}
		// Whatever the password check refused (unknown user, wrong password, disabled
		// account), the answer is the same, so it tells nothing about the account.
		this.json.writeProblem(response,
				new MfaException(MfaErrorCode.BAD_CREDENTIALS, "The username or password is wrong"), 401);
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
		if (exception instanceof MfaAuthenticationException mfa) {
			MfaException cause = mfa.getMfaException();
			this.json.writeProblem(response, cause, cause.getErrorCode().status());
			return;
		}
		commence(request, response, exception);
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		this.json.writeProblem(response, new MfaException(MfaErrorCode.UNAUTHENTICATED, "A complete login is required"),
				401);
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
		writeSecondFactorRequired(response, factorErrors(request, authException));
	}

	void writeSecondFactorRequired(HttpServletResponse response, List<RequiredFactorError> errors) throws IOException {
		List<String> factors = new ArrayList<>();
		boolean expired = !errors.isEmpty();
		for (RequiredFactorError error : errors) {
			factors.add(error.getRequiredFactor().getAuthority());
			expired &= error.isExpired();
		}
		if (factors.isEmpty()) {
			factors = List.of(MfaFactors.TOTP_AUTHORITY, MfaFactors.RECOVERY_CODE_AUTHORITY);
		}
		ProblemDetail problem = MfaProblemDetails.of(MfaErrorCode.MFA_REQUIRED, 401,
				expired ? "The second factor is too old for this request: confirm it with a fresh code"
						: "This request needs the second factor: confirm the login with a code");
		problem.setProperty("factors", factors.stream().distinct().toList());
		problem.setProperty("reason", expired ? "expired" : "missing");
		this.json.writeProblem(response, problem);
	}

	@SuppressWarnings("unchecked")
	private static List<RequiredFactorError> factorErrors(HttpServletRequest request, Exception cause) {
		if (request.getAttribute(WebAttributes.REQUIRED_FACTOR_ERRORS) instanceof List<?> errors) {
			return secondFactorOnly((List<RequiredFactorError>) errors);
		}
		return (cause.getCause() instanceof AccessDeniedException denied) ? secondFactorErrors(denied) : List.of();
	}

	static List<RequiredFactorError> secondFactorErrors(AccessDeniedException denied) {
		for (Throwable cause = denied; cause != null; cause = cause.getCause()) {
			if (cause instanceof AuthorizationDeniedException authorization
					&& authorization.getAuthorizationResult() instanceof FactorAuthorizationDecision decision) {
				return secondFactorOnly(decision.getFactorErrors());
			}
		}
		return List.of();
	}

	private static List<RequiredFactorError> secondFactorOnly(List<RequiredFactorError> errors) {
		return errors.stream()
			.filter((error) -> MfaFactors.isSecondFactor(error.getRequiredFactor().getAuthority()))
			.toList();
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		List<RequiredFactorError> secondFactor = secondFactorErrors(accessDeniedException);
		if (!secondFactor.isEmpty()) {
			writeSecondFactorRequired(response, secondFactor);
			return;
		}
		// Same code, since the contract has none for CSRF; the detail tells the SPA's
		// developer which of the two it is.
		String detail = (accessDeniedException instanceof CsrfException)
				? "The CSRF token is missing or stale: read it again from GET /csrf under the MFA base path"
				: "The current login does not grant access";
		this.json.writeProblem(response, new MfaException(MfaErrorCode.ACCESS_DENIED, detail), 403);
	}

}
