package dev.springmfa.web;

import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpMethod;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Refuses what no MFA endpoint takes under the base path, for the
 * {@link MfaExceptionHandler} to answer with a problem document: 405 with {@code Allow}
 * for a known endpoint and another method, 404 otherwise. Every mapping of the
 * application and the starter is more specific, and wins.
 */
@RestController
public final class MfaFallbackController {

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
	 * @throws NoResourceFoundException for a path that no endpoint serves
	 * @throws HttpRequestMethodNotSupportedException for an endpoint that does not take
	 * the method
	 */
	@RequestMapping("/**")
	void refuse(HttpServletRequest request) throws NoResourceFoundException, HttpRequestMethodNotSupportedException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		Set<HttpMethod> allowed = ENDPOINTS.get(path.substring(Math.min(path.length(), this.basePath.length())));
		if (allowed == null || !path.startsWith(this.basePath)) {
			throw new NoResourceFoundException(HttpMethod.valueOf(request.getMethod()), request.getRequestURI(), path);
		}
		throw new HttpRequestMethodNotSupportedException(request.getMethod(),
				allowed.stream().map(HttpMethod::name).toList());
	}

}
