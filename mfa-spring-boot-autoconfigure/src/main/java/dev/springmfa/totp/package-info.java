/**
 * Time-based one-time passwords (RFC 6238) and the enrollment helpers that go with them.
 */
@NullMarked
package dev.springmfa.totp;

import org.jspecify.annotations.NullMarked;
