package dev.springmfa.audit;

import org.springframework.context.ApplicationListener;

/**
 * The listener that keeps the record of the starter's {@link MfaAuditEvent}s: the one
 * audit listener that the starter provides and that an application replaces.
 * <p>
 * The default, {@link #logging()}, writes each event to the logger {@code mfa.audit}.
 * Define a bean of this type to keep the record elsewhere (an audit table, a SIEM); the
 * starter's logger then backs off. To act on events besides the record, define any other
 * {@code ApplicationListener<MfaAuditEvent>} or {@code @EventListener} method instead: it
 * receives every event and the logger stays.
 * <p>
 * Events are delivered on the thread that published them, some inside the transaction of
 * the change they report, so an implementation must not throw (an exception fails the
 * request and may roll the change back) and should hand slow work to another thread.
 *
 * @author springmfa
 */
@FunctionalInterface
public interface MfaAuditListener extends ApplicationListener<MfaAuditEvent> {

	/**
	 * Return the listener that writes every event to the logger {@code mfa.audit},
	 * failures at WARN, with user-supplied text cleaned so that it cannot forge a line.
	 * @return the listener
	 */
	static MfaAuditListener logging() {
		return new MfaAuditLogger();
	}

}
