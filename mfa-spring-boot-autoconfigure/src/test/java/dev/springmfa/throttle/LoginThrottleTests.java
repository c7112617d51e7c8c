package dev.springmfa.throttle;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests of how the {@link LoginThrottle} keys its attempts; {@code *LoginThrottle*Tests}
 * elsewhere run it on the real databases.
 */
class LoginThrottleTests {

	@Test
	void accountWhenNameDiffersInCaseWidthOrOuterSpaceThenOneAccount() {
		assertThat(LoginThrottle.account(" Alice ")).isEqualTo("alice");
		assertThat(LoginThrottle.account("ＡＬＩＣＥ")).isEqualTo("alice");
		assertThat(LoginThrottle.account("alice")).isNotEqualTo(LoginThrottle.account("alice2"));
	}

	@Test
	void networkWhenIpv6ThenTheSlash64() {
		assertThat(LoginThrottle.network("2001:db8:1:2:aaaa:bbbb:cccc:dddd"))
			.isEqualTo(LoginThrottle.network("2001:0db8:0001:0002::1"))
			.isEqualTo("20010db800010002::/64");
		assertThat(LoginThrottle.network("2001:db8:1:3::1")).isNotEqualTo(LoginThrottle.network("2001:db8:1:2::1"));
	}

	@Test
	void networkWhenIpv4OrIpv4MappedThenTheAddress() {
		assertThat(LoginThrottle.network("192.0.2.7")).isEqualTo("192.0.2.7");
		assertThat(LoginThrottle.network("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
	}

	@Test
	void networkWhenNotAnAddressLiteralThenTakenAsItIsWithoutALookup() {
		assertThat(LoginThrottle.network("localhost")).isEqualTo("localhost");
		assertThat(LoginThrottle.network("fe80::1%eth0")).isEqualTo("fe80::1%eth0");
		assertThat(LoginThrottle.network("::zz")).isEqualTo("::zz");
	}

	@Test
	void limitsWhenNeitherKeyThrottlesThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LoginThrottle.Limits(0, 0, Duration.ofMinutes(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> new LoginThrottle.Limits(1, 0, Duration.ZERO));
	}

}
