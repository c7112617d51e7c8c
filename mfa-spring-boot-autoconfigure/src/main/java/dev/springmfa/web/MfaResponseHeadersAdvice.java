package dev.springmfa.web;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Gives every answer of the MFA controllers the headers of the filters' answers
 * ({@code Cache-Control: no-store}, {@code Pragma: no-cache},
 * {@code Referrer-Policy: no-referrer}): an activation carries the TOTP secret, and the
 * recovery codes are secrets too. It covers those controllers only; their refusals get
 * the same headers from the {@link MfaProblemResponder}.
 */
@ControllerAdvice(assignableTypes = { TotpController.class, MfaStatusController.class })
public final class MfaResponseHeadersAdvice implements ResponseBodyAdvice<Object> {

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType,
			MediaType selectedContentType, Class<? extends HttpMessageConverter<?>> selectedConverterType,
			ServerHttpRequest request, ServerHttpResponse response) {
		MfaHttpMessages.setPrivateHeaders(response.getHeaders());
		return body;
	}

}
