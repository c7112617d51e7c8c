package dev.springmfa.authenticator;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.springmfa.audit.MfaAuditEvent;
import dev.springmfa.audit.MfaAuditEventPublisher;
import dev.springmfa.audit.MfaAuditEventType;
import org.springframework.transaction.support.TransactionOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class TotpSupportDeskServiceTests {

	private final AuthenticatorRepository authenticators = mock(AuthenticatorRepository.class);

	private final List<Object> events = new CopyOnWriteArrayList<>();

	private final TotpSupportDeskService supportDesk = new TotpSupportDeskService(this.authenticators,
			TransactionOperations.withoutTransaction(),
			new MfaAuditEventPublisher(this.events::add, Clock.systemUTC()));

	@Test
	void resetLockoutWhenUserHasTotpThenResetAndAudited() {
		given(this.authenticators.resetLockout("alice")).willReturn(true);
		assertThat(this.supportDesk.resetLockout("alice")).isTrue();
		assertThat(this.events).singleElement().isInstanceOfSatisfying(MfaAuditEvent.class, (event) -> {
			assertThat(event.getType()).isEqualTo(MfaAuditEventType.LOCKOUT_RESET);
			assertThat(event.getUserId()).isEqualTo("alice");
		});
	}

	@Test
	void resetLockoutWhenUserHasNoTotpThenFalseAndNotAudited() {
		assertThat(this.supportDesk.resetLockout("bob")).isFalse();
		assertThat(this.events).isEmpty();
	}

}
