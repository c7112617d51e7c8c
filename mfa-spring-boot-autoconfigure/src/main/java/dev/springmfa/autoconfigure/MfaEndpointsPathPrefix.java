package dev.springmfa.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

import dev.springmfa.config.MfaEndpoints;
import dev.springmfa.web.MfaFallbackController;
import dev.springmfa.web.MfaStatusController;
import dev.springmfa.web.TotpController;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.web.method.HandlerTypePredicate;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Serves the starter's controllers under {@code mfa.base-path}, as bound, so that no
 * mapping restates its default in a placeholder. Added to the handler mapping rather than
 * through {@code PathMatchConfigurer.addPathPrefix}, which keeps one predicate per path
 * and would drop the application's own prefix for the same path (or the starter's).
 * Placed first, so that a broader prefix of the application does not move the controllers
 * away from the filters, which answer under the base path alone.
 */
final class MfaEndpointsPathPrefix implements BeanPostProcessor {

	private static final Predicate<Class<?>> CONTROLLERS = HandlerTypePredicate.forAssignableType(TotpController.class,
			MfaStatusController.class, MfaFallbackController.class);

	private final ObjectProvider<MfaEndpoints> endpoints;

	MfaEndpointsPathPrefix(ObjectProvider<MfaEndpoints> endpoints) {
		this.endpoints = endpoints;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof RequestMappingHandlerMapping mapping) {
			MfaEndpoints endpoints = this.endpoints.getIfAvailable();
			if (endpoints != null) {
				Map<String, Predicate<Class<?>>> prefixes = new LinkedHashMap<>();
				prefixes.put(endpoints.basePath(), CONTROLLERS);
				mapping.getPathPrefixes().forEach((path, types) -> prefixes.merge(path, types, Predicate::or));
				mapping.setPathPrefixes(prefixes);
			}
		}
		return bean;
	}

}
