package dev.springmfa.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup failure caused by a missing or invalid {@code mfa.*} property, and
 * how to fix it.
 */
class MfaConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<MfaConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MfaConfigurationException cause) {
		return new FailureAnalysis(
				"Multi-factor authentication is enabled (mfa.enabled=true), but " + cause.getMessage() + ".",
				cause.getAction(), cause);
	}

}
