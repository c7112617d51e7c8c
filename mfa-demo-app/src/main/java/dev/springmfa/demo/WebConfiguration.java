package dev.springmfa.demo;

import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

import dev.springmfa.autoconfigure.MfaProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerTypePredicate;
import org.springframework.web.servlet.config.annotation.PathMatchConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the account endpoints under the starter's {@code mfa.base-path}, read from the
 * bound properties, so that the demo names the path nowhere, and reads JSON strictly.
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

	/**
	 * Refuse a number or a boolean where a request body wants a string, as the starter
	 * does for its own bodies: Jackson would otherwise register the number {@code 12345}
	 * as the username {@code "12345"}.
	 * @return the customizer of the application's JSON mapper
	 */
	@Bean
	JsonMapperBuilderCustomizer strictJsonStrings() {
		return (builder) -> builder.withCoercionConfig(LogicalType.Textual,
				(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
	}

}
