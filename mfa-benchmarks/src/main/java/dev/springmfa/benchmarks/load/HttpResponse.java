package dev.springmfa.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A response read by {@link HttpConnection}.
 *
 * @param status the status code
 * @param cookies the cookies that the response sets, by name
 * @param body the body, empty if there is none
 */
record HttpResponse(int status, Map<String, String> cookies, byte[] body) {

	/**
	 * Return the value of a cookie that the response sets.
	 * @param name the name of the cookie
	 * @return the value, or {@code null} if the response does not set it
	 */
	@Nullable String cookie(String name) {
		return this.cookies.get(name);
	}

	/**
	 * Describe the response for an error message: the status and the start of the body.
	 * @return the description
	 */
	String describe() {
		String text = new String(this.body, StandardCharsets.UTF_8);
		return this.status + " " + ((text.length() > 300) ? text.substring(0, 300) + "..." : text);
	}

}
