/**
 * Auto-configuration of multi-factor authentication, its properties and its failure
 * analysis.
 */
@NullMarked
package dev.springmfa.autoconfigure;

import org.jspecify.annotations.NullMarked;
