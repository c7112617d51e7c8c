/**
 * The HTTP side of MFA: the login and verify filters, the REST controllers, and the
 * problem documents every error is answered with.
 */
@NullMarked
package dev.springmfa.web;

import org.jspecify.annotations.NullMarked;
