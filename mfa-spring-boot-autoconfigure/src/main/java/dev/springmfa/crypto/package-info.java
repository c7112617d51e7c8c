/**
 * Key derivation and authenticated encryption of secrets stored at rest.
 */
@NullMarked
package dev.springmfa.crypto;

import org.jspecify.annotations.NullMarked;
