package dev.springmfa.audit;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log line is one line whatever the client sends: a user agent, address or
 * username with a line break or another control character could otherwise forge a line
 * for readers that split on any Unicode line break ({@code \R}).
 */
@ExtendWith(OutputCaptureExtension.class)
class MfaAuditLoggerTests {

	private final MfaAuditLogger logger = new MfaAuditLogger();

	@Test
	void logWhenUserAgentHasLineBreaksOrControlCharactersThenTheyAreEscaped(CapturedOutput output) {
		String userAgent = "Mozilla/5.0\u0085event=VERIFY_SUCCEEDED user=bob\u2028\u2029\u000b\u000c\r\n\u0000\u001b[31m"
				+ "\u007f\u009f\u200e\u202e\"\\";
		this.logger.onApplicationEvent(event("alice-audit-1", "203.0.113.9", userAgent));
		String line = line(output, "alice-audit-1");
		assertThat(line).contains("userAgent=\"Mozilla/5.0\\u0085event=VERIFY_SUCCEEDED user=bob\\u2028\\u2029\\u000b"
				+ "\\u000c\\u000d\\u000a\\u0000\\u001b[31m\\u007f\\u009f\\u200e\\u202e\\u0022\\u005c\"");
		assertThat(line.chars()).noneMatch(MfaAuditLoggerTests::isLineBreakOrControl);
	}

	@Test
	void logWhenUserIdAndAddressHaveControlCharactersThenTheyAreEscaped(CapturedOutput output) {
		this.logger.onApplicationEvent(event("alice-audit-2\u0085x", "1.2.3.4\n", "agent"));
		String line = line(output, "alice-audit-2");
		assertThat(line).contains("user=alice-audit-2\\u0085x ip=1.2.3.4\\u000a userAgent=\"agent\"");
	}

	@Test
	void logWhenPrintableThenKept(CapturedOutput output) {
		this.logger.onApplicationEvent(event("alice-audit-4", null, "Agent/1.0 (X11; Linux x86_64) {'a': [1]}"));
		assertThat(line(output, "alice-audit-4"))
			.contains("ip=- userAgent=\"Agent/1.0 (X11; Linux x86_64) {'a': [1]}\"");
	}

	@Test
	void logWhenUnpairedSurrogateOrLongValueThenEscapedAndBounded(CapturedOutput output) {
		this.logger.onApplicationEvent(event("alice-audit-3", null, "a\uD83Db" + "x".repeat(300)));
		String line = line(output, "alice-audit-3");
		assertThat(line).contains("userAgent=\"a\\ud83db" + "x".repeat(197) + "\"");
	}

	private static MfaAuditEvent event(String userId, String clientIp, String userAgent) {
		return new MfaAuditEvent(MfaAuditEventType.VERIFY_FAILED, userId, clientIp, userAgent, Clock.systemUTC());
	}

	// The one line that names the user, split as a reader that takes every Unicode line
	// break for a line end would.
	private static String line(CapturedOutput output, String userId) {
		List<String> lines = Arrays.stream(output.getAll().split("\\R"))
			.filter((line) -> line.contains("user=" + userId))
			.toList();
		assertThat(lines).hasSize(1);
		return lines.get(0);
	}

	private static boolean isLineBreakOrControl(int c) {
		return Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029';
	}

}
