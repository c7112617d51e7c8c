package dev.springmfa;

/**
 * A refusal that carries the {@link MfaErrorCode} of the contract, so that the web layer
 * answers it without knowing its type. Its message is safe to show to the client: it
 * never holds a secret, a code or a token.
 *
 * @see InvalidMfaCodeException
 * @see InvalidMfaTokenException
 * @see TooManyMfaAttemptsException
 * @see MfaException
 */
public interface MfaFailure {

	/**
	 * Return the error code.
	 * @return the error code
	 */
	MfaErrorCode getErrorCode();

}
