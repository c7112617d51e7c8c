package dev.springmfa.demo;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.UserDetailsManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Registration and the current user: the part of an account that the MFA starter leaves
 * to the application. Its paths are under {@code mfa.base-path}, which
 * {@link WebConfiguration} puts in front of them.
 */
@RestController
public class AccountController {

	private final UserDetailsManager users;

	private final PasswordEncoder passwordEncoder;

	private final TransactionTemplate transactions;

	AccountController(UserDetailsManager users, PasswordEncoder passwordEncoder,
			PlatformTransactionManager transactionManager) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/**
	 * Register a user with a password and no second factor.
	 * @param request the username and password
	 * @return the registered user
	 * @throws UsernameTakenException if the username is taken
	 */
	@PostMapping("/register")
	@ResponseStatus(HttpStatus.CREATED)
	public RegisteredUser register(@Valid @RequestBody RegisterRequest request) {
		String username = request.username();
		// The user row and its authority row go in together, or not at all.
		this.transactions.executeWithoutResult((status) -> {
			if (this.users.userExists(username)) {
				throw new UsernameTakenException(username);
			}
			try {
				this.users.createUser(User.withUsername(username)
					.password(this.passwordEncoder.encode(request.password()))
					.roles("USER")
					.build());
			}
			catch (DuplicateKeyException ex) {
				// Another registration of the same name won the race.
				throw new UsernameTakenException(username);
			}
		});
		return new RegisteredUser(username);
	}

	/**
	 * Return the current user and the factors that the login proved.
	 * @param authentication the current authentication
	 * @return the user
	 */
	@GetMapping("/user")
	public CurrentUser user(Authentication authentication) {
		List<String> factors = authentication.getAuthorities()
			.stream()
			.filter(FactorGrantedAuthority.class::isInstance)
			.map(GrantedAuthority::getAuthority)
			.sorted()
			.toList();
		return new CurrentUser(authentication.getName(), factors);
	}

	/**
	 * A registration request.
	 *
	 * @param username the username
	 * @param password the password in clear
	 */
	public record RegisterRequest(
			@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._@-]+",
					message = "must contain only letters, digits and . _ @ -") String username,
			@NotBlank @Size(min = 8, max = 128) String password) {

		@Override
		public String toString() {
			return "RegisterRequest[username=" + this.username + "]";
		}

	}

	/**
	 * A registered user.
	 *
	 * @param username the username
	 */
	public record RegisteredUser(String username) {
	}

	/**
	 * The current user.
	 *
	 * @param username the username
	 * @param factors the {@link FactorGrantedAuthority} authorities of the login, sorted
	 */
	public record CurrentUser(String username, List<String> factors) {
	}

}
