/**
 * The TOTP authenticator of a user, its recovery codes and lockout state, their JPA
 * persistence, and the services of its three roles: enrolment (with its activation
 * tokens), the signed-in user's maintenance, and the support desk.
 */
@NullMarked
package dev.springmfa.authenticator;

import org.jspecify.annotations.NullMarked;
