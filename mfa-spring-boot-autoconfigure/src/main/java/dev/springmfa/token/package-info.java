/**
 * Signed, short-lived tokens of the two-step login and of TOTP activation, and the
 * server-side record that makes an ephemeral token single-use.
 */
@NullMarked
package dev.springmfa.token;

import org.jspecify.annotations.NullMarked;
