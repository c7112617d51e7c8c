/**
 * Audit events of the MFA flow, published as Spring application events, and the default
 * listener that logs them.
 */
@NullMarked
package dev.springmfa.audit;

import org.jspecify.annotations.NullMarked;
