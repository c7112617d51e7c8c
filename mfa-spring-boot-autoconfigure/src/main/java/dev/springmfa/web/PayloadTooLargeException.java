package dev.springmfa.web;

import java.io.IOException;

/**
 * Thrown while reading a request body that exceeds the configured limit.
 */
final class PayloadTooLargeException extends IOException {

	/**
	 * Create a new instance.
	 * @param limit the limit in bytes
	 */
	PayloadTooLargeException(long limit) {
		super("Request body exceeds " + limit + " bytes");
	}

}
