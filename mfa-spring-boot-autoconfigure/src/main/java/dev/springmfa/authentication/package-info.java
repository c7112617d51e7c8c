/**
 * The second step of the login as Spring Security authentication: the challenge after the
 * password, and the provider that turns an ephemeral token and a code into an
 * {@link org.springframework.security.core.Authentication} with its factors.
 */
@NullMarked
package dev.springmfa.authentication;

import org.jspecify.annotations.NullMarked;
