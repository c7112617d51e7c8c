package dev.springmfa.web;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;

/**
 * The sessions of the servlet container, for applications without Spring Session: it
 * knows the sessions of the logins made through the starter in this instance, and forgets
 * each one when the container ends it. Sessions of the application's own logins (form
 * login, remember-me) are not known here; they lose access all the same when MFA is
 * turned on, since their logins carry no second factor and are checked against the
 * database on each request.
 */
public final class HttpSessionRegistry implements MfaSessions {

	private static final String ATTRIBUTE = HttpSessionRegistry.class.getName() + ".USER";

	private final Map<String, Set<HttpSession>> sessions = new ConcurrentHashMap<>();

	@Override
	public void register(HttpServletRequest request, Authentication authentication) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.setAttribute(ATTRIBUTE, new Registration(authentication.getName(), this));
		}
	}

	@Override
	public void endOtherSessions(String username, HttpServletRequest request) {
		HttpSession current = request.getSession(false);
		String currentId = (current != null) ? current.getId() : null;
		for (HttpSession session : List.copyOf(this.sessions.getOrDefault(username, Set.of()))) {
			try {
				if (!session.getId().equals(currentId)) {
					session.invalidate();
				}
			}
			catch (IllegalStateException ex) {
				// Ended meanwhile.
				forget(username, session);
			}
		}
	}

	int size(String username) {
		return this.sessions.getOrDefault(username, Set.of()).size();
	}

	private void remember(String username, HttpSession session) {
		this.sessions.computeIfAbsent(username, (key) -> ConcurrentHashMap.newKeySet()).add(session);
	}

	private void forget(String username, HttpSession session) {
		this.sessions.computeIfPresent(username, (key, set) -> {
			set.remove(session);
			return set.isEmpty() ? null : set;
		});
	}

	// The container tells it when it is put into a session and when that session ends.
	private static final class Registration implements HttpSessionBindingListener, Serializable {

		@Serial
		private static final long serialVersionUID = 1L;

		private final String username;

		private final transient @Nullable HttpSessionRegistry registry;

		Registration(String username, HttpSessionRegistry registry) {
			this.username = username;
			this.registry = registry;
		}

		@Override
		public void valueBound(HttpSessionBindingEvent event) {
			if (this.registry != null) {
				this.registry.remember(this.username, event.getSession());
			}
		}

		@Override
		public void valueUnbound(HttpSessionBindingEvent event) {
			if (this.registry != null) {
				this.registry.forget(this.username, event.getSession());
			}
		}

	}

}
