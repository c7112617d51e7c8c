/**
 * Signed, short-lived ephemeral tokens of the two-step login, bound to the user's
 * authenticator row so that an accepted code spends them, the password fingerprints that
 * tie a token to the password of its login, and the strict parse of the starter's compact
 * tokens.
 */
@NullMarked
package dev.springmfa.token;

import org.jspecify.annotations.NullMarked;
