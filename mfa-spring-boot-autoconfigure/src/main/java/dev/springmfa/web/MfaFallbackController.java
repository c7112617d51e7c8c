package dev.springmfa.web;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import dev.springmfa.MfaErrorCode;
import dev.springmfa.MfaException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers what no MFA endpoint takes under the base path with a problem document: 405
 * with {@code Allow} for a known endpoint and another method, 404 otherwise. Every
 * mapping of the application and the starter is more specific, and wins.
 */
@RestController
public class MfaFallbackController {

	private static final Map<String, Set<HttpMethod>> ENDPOINTS = Map.of("/login", Set.of(HttpMethod.POST),
			"/mfa/verify", Set.of(HttpMethod.POST), "/mfa/step-up", Set.of(HttpMethod.POST), "/token/refresh",
			Set.of(HttpMethod.POST), "/csrf", Set.of(HttpMethod.GET), "/mfa/totp/activate",
			Set.of(HttpMethod.GET, HttpMethod.POST), "/mfa/totp/deactivate", Set.of(HttpMethod.POST), "/mfa/status",
			Set.of(HttpMethod.GET), "/mfa/recovery-codes", Set.of(HttpMethod.GET), "/mfa/recovery-codes/regenerate",
			Set.of(HttpMethod.POST));

	private final String basePath;

	/**
	 * Create a new instance.
	 * @param basePath the base path of the MFA endpoints
	 */
	public MfaFallbackController(String basePath) {
		this.basePath = basePath;
	}

	/**
	 * Refuse a request that no endpoint takes.
	 * @param request the request
	 * @return the problem response
	 */
	@RequestMapping("/**")
	public ResponseEntity<ProblemDetail> refuse(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		Set<HttpMethod> allowed = ENDPOINTS.get(path.substring(Math.min(path.length(), this.basePath.length())));
		if (allowed == null || !path.startsWith(this.basePath)) {
			return MfaProblemDetails
				.toResponse(new MfaException(MfaErrorCode.NOT_FOUND, "No MFA endpoint is at this path"));
		}
		return ResponseEntity.status(405)
			.header(HttpHeaders.ALLOW,
					allowed.stream().map(HttpMethod::name).sorted().collect(Collectors.joining(", ")))
			.body(MfaProblemDetails.of(MfaErrorCode.METHOD_NOT_ALLOWED, 405,
					"This endpoint does not take " + request.getMethod()));
	}

}
