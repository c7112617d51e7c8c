package dev.springmfa.statements;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

import org.springframework.core.Ordered;

/**
 * The first filter of the app, which knows when a request has left every other one: a
 * client may read the whole answer before the server has finished with the request, and
 * what it still does then counts too.
 */
class RequestsInFlight implements Filter, Ordered {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final AtomicInteger inFlight = new AtomicInteger();

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		this.inFlight.incrementAndGet();
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.inFlight.decrementAndGet();
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	/**
	 * Wait until no request is in the app.
	 */
	void awaitNone() {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (this.inFlight.get() > 0) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("A request is still in the app after " + TIMEOUT);
			}
			LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
		}
	}

}
