package dev.springmfa.demo;

import dev.springmfa.autoconfigure.MfaProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerTypePredicate;
import org.springframework.web.servlet.config.annotation.PathMatchConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the account endpoints under the starter's {@code mfa.base-path}, read from the
 * bound properties, so that the demo names the path nowhere.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	private final MfaProperties mfa;

	WebConfiguration(MfaProperties mfa) {
		this.mfa = mfa;
	}

	@Override
	public void configurePathMatch(PathMatchConfigurer configurer) {
		configurer.addPathPrefix(this.mfa.getBasePath(),
				HandlerTypePredicate.forAssignableType(AccountController.class));
	}

}
