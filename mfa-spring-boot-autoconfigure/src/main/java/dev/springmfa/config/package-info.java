/**
 * The {@link org.springframework.security.config.annotation.web.builders.HttpSecurity}
 * configurer that plugs MFA into a security filter chain.
 */
@NullMarked
package dev.springmfa.config;

import org.jspecify.annotations.NullMarked;
