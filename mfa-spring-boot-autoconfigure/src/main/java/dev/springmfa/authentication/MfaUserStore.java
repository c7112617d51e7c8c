package dev.springmfa.authentication;

import java.util.function.Supplier;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;

/**
 * The store of the application's users, through which the second step loads the user of
 * the first again: the same store the application's authentication uses, found once the
 * application context is complete. It is deliberately not a {@link UserDetailsService}
 * bean, which would change how the application authenticates.
 */
public final class MfaUserStore {

	private final Supplier<UserDetailsService> userDetailsService;

	/**
	 * Create a new instance.
	 * @param userDetailsService finds the store; called once, on first use
	 */
	public MfaUserStore(Supplier<UserDetailsService> userDetailsService) {
		Assert.notNull(userDetailsService, "userDetailsService cannot be null");
		this.userDetailsService = SingletonSupplier.of(userDetailsService);
	}

	/**
	 * Load a user.
	 * @param username the username
	 * @return the user
	 * @throws org.springframework.security.core.userdetails.UsernameNotFoundException if
	 * there is no such user
	 */
	public UserDetails loadUserByUsername(String username) {
		return this.userDetailsService.get().loadUserByUsername(username);
	}

	/**
	 * Return the store, finding it if not done yet.
	 * @return the store
	 */
	public UserDetailsService userDetailsService() {
		return this.userDetailsService.get();
	}

	/**
	 * Return this store as a {@link UserDetailsService}.
	 * @return the view
	 */
	public UserDetailsService asUserDetailsService() {
		return this::loadUserByUsername;
	}

}
