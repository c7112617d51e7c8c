/**
 * Multi-factor authentication with TOTP and recovery codes for Spring Security: the error
 * model, the factors and the user identity shared by every feature package.
 */
@NullMarked
package dev.springmfa;

import org.jspecify.annotations.NullMarked;
