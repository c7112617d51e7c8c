package dev.springmfa.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds the request bodies of the MFA endpoints: a declared length over the limit is
 * answered 413 at once, and a chunked body stops being read at the limit.
 */
public final class MfaRequestSizeFilter extends OncePerRequestFilter {

	private final RequestMatcher requestMatcher;

	private final MfaProblemResponder problems;

	private final long maxBodySize;

	/**
	 * Create a new instance.
	 * @param requestMatcher matches the MFA endpoints
	 * @param problems writes the problem document
	 * @param maxBodySize the limit in bytes
	 */
	public MfaRequestSizeFilter(RequestMatcher requestMatcher, MfaProblemResponder problems, long maxBodySize) {
		this.requestMatcher = requestMatcher;
		this.problems = problems;
		this.maxBodySize = maxBodySize;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.requestMatcher.matches(request)) {
			chain.doFilter(request, response);
			return;
		}
		if (request.getContentLengthLong() > this.maxBodySize) {
			this.problems.respond(response, MfaRequestException.tooLarge());
			return;
		}
		chain.doFilter(bounded(request, this.maxBodySize), response);
	}

	/**
	 * Return a request whose body fails with a {@link PayloadTooLargeException} once it
	 * is read past a limit.
	 * @param request the request
	 * @param limit the limit in bytes
	 * @return the bounded request
	 */
	static HttpServletRequest bounded(HttpServletRequest request, long limit) {
		return new BoundedRequest(request, limit);
	}

	private static final class BoundedRequest extends HttpServletRequestWrapper {

		private final long limit;

		private BoundedRequest(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			return new BoundedInputStream(super.getInputStream(), this.limit);
		}

	}

	private static final class BoundedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long limit;

		private long count;

		private BoundedInputStream(ServletInputStream delegate, long limit) {
			this.delegate = delegate;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			if (b != -1) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int read = this.delegate.read(buffer, offset, length);
			if (read > 0) {
				count(read);
			}
			return read;
		}

		private void count(int read) throws PayloadTooLargeException {
			this.count += read;
			if (this.count > this.limit) {
				throw new PayloadTooLargeException(this.limit);
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
