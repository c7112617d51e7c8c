/**
 * The optional throttle of the password step ({@code mfa.login.throttle}): failed
 * passwords counted per account and per client address, each attempt reserved in the
 * database before its password is checked.
 */
@NullMarked
package dev.springmfa.throttle;

import org.jspecify.annotations.NullMarked;
