package dev.springmfa.web;

/**
 * The answer of the SPA's CSRF bootstrap request.
 *
 * @param headerName the header to send the token in
 * @param token the token
 */
record CsrfTokenResponse(String headerName, String token) {

	@Override
	public String toString() {
		return "CsrfTokenResponse[headerName=" + this.headerName + "]";
	}

}
