/**
 * The second factor as an authorization rule: who must have one, and the rule that
 * requires it of them, built on Spring Security's multi-factor authorization.
 */
@NullMarked
package dev.springmfa.authorization;

import org.jspecify.annotations.NullMarked;
