package dev.springmfa.demo;

/**
 * Thrown when a registration asks for a username that another user has.
 */
public class UsernameTakenException extends RuntimeException {

	private final String username;

	/**
	 * Create a new instance.
	 * @param username the taken username
	 */
	public UsernameTakenException(String username) {
		super(describe(username));
		this.username = username;
	}

	/**
	 * Return the message, safe to show to the client.
	 * @return the message
	 */
	public String getDetail() {
		return describe(this.username);
	}

	private static String describe(String username) {
		return "The username '" + username + "' is taken";
	}

}
