package dev.springmfa.benchmarks.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of a run, from {@code --name=value} arguments; every one has a default.
 *
 * @param connections the concurrencies to measure at, each a number of connections
 * @param rounds the measured rounds of each side of a comparison
 * @param round the length of a measured round
 * @param warmup the length of a warm-up round
 * @param users the MFA users to make at first; more are made if a round needs them
 * @param maxUsers the most MFA users to make
 * @param heap the heap of each server JVM, as for {@code -Xmx}
 * @param poolSize the connection pool of each server JVM
 * @param postgresUrl the JDBC URL of the PostgreSQL server, without a database
 * @param postgresUser the PostgreSQL user
 * @param database the database to drop and create for the run
 * @param output the directory of the report and the server logs
 * @param only the keys of the comparisons to run
 */
record LoadBenchmarkOptions(List<Integer> connections, int rounds, Duration round, Duration warmup, int users,
		int maxUsers, String heap, int poolSize, String postgresUrl, String postgresUser, String database, Path output,
		Set<String> only) {

	private static final Set<String> RESERVED_DATABASES = Set.of("postgres", "test", "template0", "template1");

	private static final Set<String> COMPARISONS = Set.of("verify", "budget", "login", "calls", "jwt-verify");

	LoadBenchmarkOptions {
		// A round of a step-spending scenario must end in the TOTP step it starts in.
		if (round.toSeconds() > 25 || warmup.toSeconds() > 25) {
			throw new IllegalArgumentException("--round-seconds and --warmup-seconds must be at most 25");
		}
		if (!database.matches("[a-z_][a-z0-9_]*")) {
			throw new IllegalArgumentException("--database=" + database + ": use lower case letters, digits and _");
		}
		if (!COMPARISONS.containsAll(only)) {
			throw new IllegalArgumentException("--only takes some of " + COMPARISONS + ", not " + only);
		}
		if (RESERVED_DATABASES.contains(database)) {
			throw new IllegalArgumentException("--database=" + database + ": the run drops it, choose another");
		}
	}

	/**
	 * Parse the arguments.
	 * @param args the arguments, each {@code --name=value}
	 * @return the options
	 */
	static LoadBenchmarkOptions parse(String[] args) {
		Map<String, String> values = new HashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException("Expected --name=value, got " + arg);
			}
			values.put(arg.substring(2, equals), arg.substring(equals + 1));
		}
		Options options = new Options(values);
		LoadBenchmarkOptions parsed = new LoadBenchmarkOptions(
				Arrays.stream(options.text("connections", "16,64").split(","))
					.map(String::trim)
					.map(Integer::valueOf)
					.toList(),
				options.number("rounds", 5), Duration.ofSeconds(options.number("round-seconds", 10)),
				Duration.ofSeconds(options.number("warmup-seconds", 10)), options.number("users", 2000),
				options.number("max-users", 60_000), options.text("heap", "1g"), options.number("pool-size", 10),
				options.text("postgres-url", "jdbc:postgresql://127.0.0.1:5432"),
				options.text("postgres-user", "postgres"), options.text("database", "mfa_bench"),
				Path.of(options.text("output", "mfa-benchmarks/target/load-benchmark")),
				Set.copyOf(options.list("only", "verify,login,calls")));
		if (!values.isEmpty()) {
			throw new IllegalArgumentException("Unknown options: " + values.keySet());
		}
		return parsed;
	}

	private record Options(Map<String, String> values) {

		String text(String name, String defaultValue) {
			String value = this.values.remove(name);
			return (value != null) ? value : defaultValue;
		}

		List<String> list(String name, String defaultValue) {
			return Arrays.stream(text(name, defaultValue).split(",")).map(String::trim).toList();
		}

		int number(String name, int defaultValue) {
			return Integer.parseInt(text(name, Integer.toString(defaultValue)));
		}

	}

}
