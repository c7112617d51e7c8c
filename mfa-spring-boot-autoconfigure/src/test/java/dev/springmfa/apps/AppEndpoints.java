package dev.springmfa.apps;

import java.util.List;
import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The endpoints that the apps of the matrix share; each app guards them with its own
 * filter chain.
 */
@RestController
public class AppEndpoints {

	@GetMapping("/public/hello")
	Map<String, Object> hello() {
		return Map.of("hello", "world");
	}

	@GetMapping("/api/data")
	Map<String, Object> data() {
		return Map.of("data", "ok");
	}

	@PostMapping("/api/data")
	Map<String, Object> save(@RequestBody Map<String, Object> data) {
		return Map.of("saved", data);
	}

	@GetMapping("/api/admin/data")
	Map<String, Object> adminData() {
		return Map.of("admin", "ok");
	}

	@GetMapping("/admin/home")
	Map<String, Object> adminHome() {
		return Map.of("home", "admin");
	}

	@GetMapping({ "/api/me", "/admin/me" })
	Map<String, Object> me(Authentication authentication) {
		List<String> factors = authentication.getAuthorities()
			.stream()
			.filter(FactorGrantedAuthority.class::isInstance)
			.map(GrantedAuthority::getAuthority)
			.sorted()
			.toList();
		return Map.of("username", authentication.getName(), "factors", factors);
	}

}
