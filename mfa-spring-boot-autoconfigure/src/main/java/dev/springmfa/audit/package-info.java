/**
 * Audit events of the MFA flow, published as Spring application events, and the listener
 * that keeps their record, by default in the log.
 */
@NullMarked
package dev.springmfa.audit;

import org.jspecify.annotations.NullMarked;
