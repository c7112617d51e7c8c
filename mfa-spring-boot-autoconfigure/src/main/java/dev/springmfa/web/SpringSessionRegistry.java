package dev.springmfa.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.util.Assert;

/**
 * The sessions of Spring Session (JDBC, Redis, ...), found by the principal name index,
 * so that every session of the user is ended on every instance that shares the store,
 * however it was logged in.
 */
public final class SpringSessionRegistry implements MfaSessions {

	private final FindByIndexNameSessionRepository<?> sessions;

	/**
	 * Create a new instance.
	 * @param sessions the session repository
	 */
	public SpringSessionRegistry(FindByIndexNameSessionRepository<?> sessions) {
		Assert.notNull(sessions, "sessions cannot be null");
		this.sessions = sessions;
	}

	@Override
	public void register(HttpServletRequest request, Authentication authentication) {
		// Spring Session indexes every session by its principal already.
	}

	@Override
	public void endOtherSessions(String username, HttpServletRequest request) {
		HttpSession current = request.getSession(false);
		String currentId = (current != null) ? current.getId() : null;
		for (String id : this.sessions.findByPrincipalName(username).keySet()) {
			if (!id.equals(currentId)) {
				this.sessions.deleteById(id);
			}
		}
	}

}
