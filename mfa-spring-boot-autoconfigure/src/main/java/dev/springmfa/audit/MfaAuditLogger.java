package dev.springmfa.audit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The default {@link MfaAuditListener}: writes every {@link MfaAuditEvent} to the logger
 * {@code mfa.audit}, failures at WARN.
 *
 * @author springmfa
 * @see MfaAuditListener#logging()
 */
final class MfaAuditLogger implements MfaAuditListener {

	private static final Log logger = LogFactory.getLog("mfa.audit");

	@Override
	public void onApplicationEvent(MfaAuditEvent event) {
		String line = "event=" + event.getType() + " user=" + sanitize(event.getUserId()) + " ip="
				+ sanitize(event.getClientIp()) + " userAgent=\"" + sanitize(event.getUserAgent()) + "\"";
		switch (event.getType()) {
			case VERIFY_FAILED, CODE_REPLAY_REFUSED, LOCKED_OUT, REFRESH_TOKEN_REUSED -> logger.warn(line);
			default -> logger.info(line);
		}
	}

	// User-controlled text must not forge log lines.
	private static String sanitize(@Nullable String value) {
		if (value == null) {
			return "-";
		}
		String cleaned = value.replaceAll("[\\r\\n\\t\"]", "_");
		return (cleaned.length() > 200) ? cleaned.substring(0, 200) : cleaned;
	}

}
