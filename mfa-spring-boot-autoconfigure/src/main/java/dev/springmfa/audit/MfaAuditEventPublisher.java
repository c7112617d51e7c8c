package dev.springmfa.audit;

import java.time.Clock;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.Assert;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Publishes {@link MfaAuditEvent}s, stamped with the client address and user agent of the
 * current request when there is one.
 */
public final class MfaAuditEventPublisher {

	private final ApplicationEventPublisher publisher;

	private final Clock clock;

	/**
	 * Create a new instance.
	 * @param publisher the application's event publisher
	 * @param clock the clock
	 */
	public MfaAuditEventPublisher(ApplicationEventPublisher publisher, Clock clock) {
		Assert.notNull(publisher, "publisher cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.publisher = publisher;
		this.clock = clock;
	}

	/**
	 * Publish an event for the current request.
	 * @param type what happened
	 * @param userId the user it happened to
	 */
	public void publish(MfaAuditEventType type, String userId) {
		String clientIp = null;
		String userAgent = null;
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes instanceof ServletRequestAttributes servlet) {
			clientIp = servlet.getRequest().getRemoteAddr();
			userAgent = servlet.getRequest().getHeader("User-Agent");
		}
		this.publisher.publishEvent(new MfaAuditEvent(type, userId, clientIp, userAgent, this.clock));
	}

}
