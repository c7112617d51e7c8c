package dev.springmfa.autoconfigure;

/**
 * A missing or invalid {@code mfa.*} property, reported at startup by
 * {@link MfaConfigurationFailureAnalyzer}.
 */
final class MfaConfigurationException extends IllegalStateException {

	private final String action;

	/**
	 * Create a new instance.
	 * @param property the property at fault
	 * @param reason what is wrong with it
	 * @param action how to fix it
	 */
	MfaConfigurationException(String property, String reason, String action) {
		super(property + ": " + reason);
		this.action = action;
	}

	/**
	 * Return how to fix the property.
	 * @return the action
	 */
	String getAction() {
		return this.action;
	}

}
