/**
 * Single-use recovery codes for users who lost their authenticator.
 */
@NullMarked
package dev.springmfa.recovery;

import org.jspecify.annotations.NullMarked;
