package dev.springmfa.config;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.Filter;

import dev.springmfa.web.MfaAuthenticationHandlers;
import dev.springmfa.web.MfaCsrfFilter;
import dev.springmfa.web.MfaCsrfTokenFilter;
import dev.springmfa.web.MfaHttpMessages;
import dev.springmfa.web.MfaProblemResponder;
import dev.springmfa.web.MfaSessions;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * What {@link MfaConfigurer} adds to a chain in session mode: a completed login is kept
 * in the HTTP session, with a new session id, and every POST needs a CSRF token, the
 * chain's own where it has CSRF protection, else one kept for the MFA endpoints alone.
 */
final class SessionLogin implements LoginCompletion {

	private final MfaHttpMessages messages;

	private final MfaSessions sessions;

	private final boolean spaCsrf;

	private final MfaAuthenticationHandlers handlers;

	SessionLogin(MfaHttpMessages messages, MfaProblemResponder problems, MfaSessions sessions, boolean spaCsrf) {
		this.messages = messages;
		this.sessions = sessions;
		this.spaCsrf = spaCsrf;
		this.handlers = new MfaAuthenticationHandlers(messages, problems);
	}

	@Override
	public MfaAuthenticationHandlers handlers() {
		return this.handlers;
	}

	@Override
	public void init(HttpSecurity http, MfaUrls urls) {
		if (this.spaCsrf && http.getConfigurer(CsrfConfigurer.class) != null) {
			// Spring Security's setup for SPAs with the token bound to the session:
			// csrf.spa() alone checks the header against a cookie, which another site
			// can plant.
			http.csrf((csrf) -> csrf.csrfTokenRepository(new SessionBoundCsrfTokenRepository())
				.csrfTokenRequestHandler(new SpaCsrfTokenRequestHandler()));
		}
	}

	@Override
	public SecurityContextRepository securityContextRepository(HttpSecurity http) {
		SecurityContextRepository repository = http.getSharedObject(SecurityContextRepository.class);
		return (repository != null) ? repository : new DelegatingSecurityContextRepository(
				new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());
	}

	// A completed login gets a new session id (session fixation protection), a new CSRF
	// token where the starter keeps them, and is remembered so that turning MFA on can
	// end it.
	@Override
	public SessionAuthenticationStrategy sessionAuthenticationStrategy(HttpSecurity http) {
		List<SessionAuthenticationStrategy> strategies = new ArrayList<>();
		SessionAuthenticationStrategy chain = http.getSharedObject(SessionAuthenticationStrategy.class);
		strategies.add((chain != null) ? chain : new ChangeSessionIdAuthenticationStrategy());
		if (http.getConfigurer(CsrfConfigurer.class) == null) {
			strategies.add(new CsrfAuthenticationStrategy(new HttpSessionCsrfTokenRepository()));
		}
		strategies.add((authentication, request, response) -> this.sessions.register(request, authentication));
		return new CompositeSessionAuthenticationStrategy(strategies);
	}

	@Override
	public List<Filter> afterCsrf(HttpSecurity http, MfaUrls urls) {
		List<Filter> filters = new ArrayList<>();
		// Without CSRF protection on the chain the MFA endpoints still need theirs.
		if (http.getConfigurer(CsrfConfigurer.class) == null) {
			filters.add(new MfaCsrfFilter(urls.endpoints(), new HttpSessionCsrfTokenRepository(), this.handlers));
		}
		filters.add(new MfaCsrfTokenFilter(MfaUrls.get(urls.csrfToken()), this.messages, false, this.spaCsrf));
		return filters;
	}

	@Override
	public List<Filter> logins(MfaUrls urls, SecurityContextHolderStrategy securityContextHolderStrategy) {
		return List.of();
	}

}
