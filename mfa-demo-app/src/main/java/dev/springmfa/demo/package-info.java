/**
 * A demo application of the MFA starter: users in a database, registration, and an
 * application-defined security filter chain that applies the MFA configurer.
 */
@NullMarked
package dev.springmfa.demo;

import org.jspecify.annotations.NullMarked;
