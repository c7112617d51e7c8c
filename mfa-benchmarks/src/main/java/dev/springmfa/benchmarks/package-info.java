/**
 * JMH benchmarks of the CPU cost of the starter's per-request work: checking and issuing
 * jwt access tokens, and verifying a TOTP code.
 */
@NullMarked
package dev.springmfa.benchmarks;

import org.jspecify.annotations.NullMarked;
