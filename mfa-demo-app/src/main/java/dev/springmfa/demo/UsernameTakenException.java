package dev.springmfa.demo;

/**
 * Thrown when a registration asks for a username that another user has.
 */
public class UsernameTakenException extends RuntimeException {

	/**
	 * Create a new instance.
	 * @param username the taken username
	 */
	public UsernameTakenException(String username) {
		super("The username '" + username + "' is taken");
	}

}
