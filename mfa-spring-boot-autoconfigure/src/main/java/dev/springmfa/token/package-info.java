/**
 * Signed, short-lived ephemeral tokens of the two-step login, the server-side record that
 * makes them single-use, and the password fingerprints that tie a token to the password
 * of its login.
 */
@NullMarked
package dev.springmfa.token;

import org.jspecify.annotations.NullMarked;
