package dev.springmfa.autoconfigure;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.ResolvableType;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.ObjectPostProcessor;

/**
 * Matches when the application has no post-processor of its own for the request
 * authorization of its filter chains: Spring Security applies such a post-processor only
 * when it is the single one, so adding ours beside an application's would disable both.
 * {@code @ConditionalOnMissingBean} cannot tell it by its generic type from Spring
 * Security's own {@code ObjectPostProcessor<Object>}.
 */
class OnNoRequestAuthorizationPostProcessorCondition extends SpringBootCondition {

	private static final ResolvableType TYPE = ResolvableType.forClassWithGenerics(ObjectPostProcessor.class,
			ResolvableType.forClassWithGenerics(AuthorizationManager.class, HttpServletRequest.class));

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String[] names = (context.getBeanFactory() != null)
				? context.getBeanFactory().getBeanNamesForType(TYPE, true, false) : new String[0];
		return (names.length == 0) ? ConditionOutcome.match("no request authorization post-processor")
				: ConditionOutcome.noMatch("the application's request authorization post-processor "
						+ String.join(", ", names));
	}

}
