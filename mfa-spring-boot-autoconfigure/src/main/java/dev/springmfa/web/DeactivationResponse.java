package dev.springmfa.web;

/**
 * The answer of a TOTP deactivation.
 *
 * @param enabled always {@code false}
 */
record DeactivationResponse(boolean enabled) {

}
