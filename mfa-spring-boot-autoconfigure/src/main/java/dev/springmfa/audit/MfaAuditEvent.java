package dev.springmfa.audit;

import java.time.Clock;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;

/**
 * A security-relevant MFA event. It never carries a secret, a code or a token.
 */
public class MfaAuditEvent extends ApplicationEvent {

	private final MfaAuditEventType type;

	private final String userId;

	private final @Nullable String clientIp;

	private final @Nullable String userAgent;

	/**
	 * Create a new event.
	 * @param type what happened
	 * @param userId the user it happened to
	 * @param clientIp the client's address, if known
	 * @param userAgent the client's user agent, if known
	 * @param clock the clock that stamps the event
	 */
	public MfaAuditEvent(MfaAuditEventType type, String userId, @Nullable String clientIp, @Nullable String userAgent,
			Clock clock) {
		super(userId, clock);
		this.type = type;
		this.userId = userId;
		this.clientIp = clientIp;
		this.userAgent = userAgent;
	}

	public MfaAuditEventType getType() {
		return this.type;
	}

	public String getUserId() {
		return this.userId;
	}

	public @Nullable String getClientIp() {
		return this.clientIp;
	}

	public @Nullable String getUserAgent() {
		return this.userAgent;
	}

	@Override
	public String toString() {
		return "MfaAuditEvent[type=" + this.type + ", userId=" + this.userId + ", clientIp=" + this.clientIp + "]";
	}

}
