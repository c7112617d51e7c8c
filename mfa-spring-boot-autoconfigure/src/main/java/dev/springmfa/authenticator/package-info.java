/**
 * The TOTP authenticator of a user, its recovery codes and lockout state, their JPA
 * persistence and the services that activate, check and deactivate them.
 */
@NullMarked
package dev.springmfa.authenticator;

import org.jspecify.annotations.NullMarked;
