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

	private static final int MAX_LENGTH = 200;

	@Override
	public void onApplicationEvent(MfaAuditEvent event) {
		String line = "event=" + event.getType() + " user=" + sanitize(event.getUserId()) + " ip="
				+ sanitize(event.getClientIp()) + " userAgent=\"" + sanitize(event.getUserAgent()) + "\"";
		switch (event.getType()) {
			case PASSWORD_FAILED, LOGIN_THROTTLED, VERIFY_FAILED, CODE_REPLAY_REFUSED, LOCKED_OUT,
					REFRESH_TOKEN_REUSED ->
				logger.warn(line);
			default -> logger.info(line);
		}
	}

	// User-controlled text must not forge a log line or a field, nor hide text: at most
	// 200 characters, and every character that could end a line or mislead a reader is
	// escaped as a backslash, u and four hex digits: control characters (Cc: CR, LF, NEL
	// U+0085, VT, FF, NUL, ...), line and paragraph separators (U+2028, U+2029, line ends
	// to readers that split on any Unicode line break), format characters (Cf: bidi
	// overrides, zero-width characters), unassigned code points, unpaired surrogates,
	// the quote and the backslash.
	private static String sanitize(@Nullable String value) {
		if (value == null) {
			return "-";
		}
		String bounded = (value.length() > MAX_LENGTH) ? value.substring(0, MAX_LENGTH) : value;
		StringBuilder escaped = new StringBuilder(bounded.length());
		for (int i = 0; i < bounded.length(); i++) {
			char c = bounded.charAt(i);
			if (isSafe(bounded, i)) {
				escaped.append(c);
			}
			else {
				escaped.append(String.format("\\u%04x", (int) c));
			}
		}
		return escaped.toString();
	}

	private static boolean isSafe(String text, int index) {
		char c = text.charAt(index);
		if (c == '"' || c == '\\') {
			return false;
		}
		if (Character.isHighSurrogate(c)) {
			return index + 1 < text.length() && Character.isLowSurrogate(text.charAt(index + 1))
					&& isSafe(text.codePointAt(index));
		}
		if (Character.isLowSurrogate(c)) {
			return index > 0 && Character.isHighSurrogate(text.charAt(index - 1))
					&& isSafe(text.codePointAt(index - 1));
		}
		return isSafe(c);
	}

	private static boolean isSafe(int codePoint) {
		return switch (Character.getType(codePoint)) {
			case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
					Character.SURROGATE, Character.UNASSIGNED ->
				false;
			default -> true;
		};
	}

}
