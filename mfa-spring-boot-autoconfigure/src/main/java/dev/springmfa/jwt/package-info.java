/**
 * The stateless login of {@code mfa.login.mode=jwt}: access tokens that carry the factors
 * of the login (RFC 8176 {@code amr}), and single-use refresh tokens in families whose
 * reuse revokes the family.
 */
@NullMarked
package dev.springmfa.jwt;

import org.jspecify.annotations.NullMarked;
