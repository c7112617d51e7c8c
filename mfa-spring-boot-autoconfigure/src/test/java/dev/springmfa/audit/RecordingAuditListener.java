package dev.springmfa.audit;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.springframework.context.ApplicationListener;

/**
 * Records the audit events of a test application, so that a test can tell what the
 * services did when their answers alone cannot.
 */
public class RecordingAuditListener implements ApplicationListener<MfaAuditEvent> {

	// A soak records tens of thousands of events: a copy of them all on each would be
	// most of its work.
	private final Queue<MfaAuditEvent> events = new ConcurrentLinkedQueue<>();

	@Override
	public void onApplicationEvent(MfaAuditEvent event) {
		this.events.add(event);
	}

	/**
	 * Return the events of one user, oldest first.
	 * @param userId the user
	 * @return the events
	 */
	public List<MfaAuditEvent> of(String userId) {
		return this.events.stream().filter((event) -> event.getUserId().equals(userId)).toList();
	}

	/**
	 * Return the types of the events of one user, oldest first.
	 * @param userId the user
	 * @return the event types
	 */
	public List<MfaAuditEventType> typesOf(String userId) {
		return of(userId).stream().map(MfaAuditEvent::getType).toList();
	}

}
