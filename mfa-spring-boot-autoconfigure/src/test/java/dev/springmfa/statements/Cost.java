package dev.springmfa.statements;

/**
 * What one request costs the database.
 *
 * @param statements the statements executed
 * @param transactions the transactions ended, by a commit or a rollback
 * @param connections the connections taken from the pool
 */
record Cost(int statements, int transactions, int connections) {

	@Override
	public String toString() {
		return count(this.statements, "statement") + " in " + count(this.transactions, "transaction") + " on "
				+ count(this.connections, "connection");
	}

	private static String count(int count, String noun) {
		return count + " " + noun + ((count != 1) ? "s" : "");
	}

}
