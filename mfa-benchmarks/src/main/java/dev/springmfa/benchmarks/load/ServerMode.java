package dev.springmfa.benchmarks.load;

/**
 * The two login modes of the demo, each served by a server JVM of its own.
 */
enum ServerMode {

	/**
	 * A complete login is kept in the HTTP session: {@code mfa.login.mode=session}.
	 */
	SESSION("postgres"),

	/**
	 * A complete login answers bearer tokens: the demo's {@code jwt} profile.
	 */
	JWT("postgres,jwt");

	private final String profiles;

	ServerMode(String profiles) {
		this.profiles = profiles;
	}

	/**
	 * Return the demo's profiles that select the mode.
	 * @return the active profiles
	 */
	String profiles() {
		return this.profiles;
	}

}
