package dev.springmfa.token;

import java.time.Duration;

/**
 * A token just issued: its claims, which the caller records, and the compact form that
 * the client gets.
 *
 * @param <T> the type of its claims
 * @param claims the claims
 * @param value the compact token
 * @param ttl its lifetime
 */
public record IssuedToken<T>(T claims, String value, Duration ttl) {

	@Override
	public String toString() {
		return "IssuedToken[" + this.claims + "]";
	}

}
