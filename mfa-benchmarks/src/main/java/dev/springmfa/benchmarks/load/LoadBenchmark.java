package dev.springmfa.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The load benchmark of the demo app on PostgreSQL, run on demand with
 * {@code scripts/load-benchmark} (see {@code docs/benchmarks.md}), never by the build.
 * <p>
 * It creates its own database, starts a server JVM in session mode and one in jwt mode,
 * makes users through the demo's endpoints, warms both servers up with every request it
 * measures, and compares side by side, at each concurrency: a right-code verify against
 * the floor endpoint (one conditional update in one transaction); a two-step login
 * against the one-step login of a user without MFA; an authenticated call with a bearer
 * token against one with a session cookie. It prints a Markdown report and writes it to
 * {@code report.md} in the output directory.
 */
public final class LoadBenchmark {

	private static final int PLAIN_USERS = 100;

	private final LoadBenchmarkOptions options;

	private LoadBenchmark(LoadBenchmarkOptions options) {
		this.options = options;
	}

	/**
	 * Run the benchmark.
	 * @param args options, each {@code --name=value}: {@code connections} (16,64),
	 * {@code rounds} (5), {@code round-seconds} (10), {@code warmup-seconds} (10),
	 * {@code users} (2000), {@code max-users} (60000), {@code heap} (1g),
	 * {@code pool-size} (10), {@code postgres-url} (jdbc:postgresql://127.0.0.1:5432),
	 * {@code postgres-user} (postgres), {@code database} (mfa_bench), {@code output}
	 * (mfa-benchmarks/target/load-benchmark), {@code only} (verify,login,calls: the
	 * comparisons to run, of these, budget and jwt-verify)
	 * @throws Exception if the run fails
	 */
	public static void main(String[] args) throws Exception {
		String report = new LoadBenchmark(LoadBenchmarkOptions.parse(args)).run();
		System.out.print(report);
	}

	private String run() throws IOException, SQLException {
		Instant started = Instant.now();
		double loadAtStart = MachineDescription.loadAverage();
		Files.createDirectories(this.options.output());
		BenchmarkDatabase database = new BenchmarkDatabase(this.options);
		database.recreate();
		List<ServerProcess> servers = new CopyOnWriteArrayList<>();
		Thread stopServers = new Thread(() -> servers.forEach(ServerProcess::close), "stop-servers");
		Runtime.getRuntime().addShutdownHook(stopServers);
		BenchmarkUsers users = new BenchmarkUsers();
		List<ComparisonResult> results;
		try {
			Map<ServerMode, Integer> ports = new EnumMap<>(ServerMode.class);
			// One after the other: the first one migrates the shared database.
			for (ServerMode mode : ServerMode.values()) {
				ServerProcess server = ServerProcess.start(mode, this.options, database.url());
				servers.add(server);
				ports.put(mode, server.port());
			}
			results = measure(users, ports);
		}
		finally {
			servers.forEach(ServerProcess::close);
			Runtime.getRuntime().removeShutdownHook(stopServers);
		}
		String report = new MarkdownReport(this.options, MachineDescription.current(), database.describe(), started,
				Duration.between(started, Instant.now()),
				new double[] { loadAtStart, MachineDescription.loadAverage() }, users.mfaUserCount(), results)
			.render();
		Path file = this.options.output().resolve("report.md");
		Files.writeString(file, report);
		Progress.log("Report written to " + file);
		return report;
	}

	private List<ComparisonResult> measure(BenchmarkUsers users, Map<ServerMode, Integer> ports) {
		List<Comparison> comparisons = List.of(
				new Comparison("verify", "verify / floor", new VerifyScenario(users, this.options.maxUsers()),
						new FloorScenario(), 0.70),
				new Comparison("budget", "budget floor / floor", new BudgetFloorScenario(users), new FloorScenario(),
						null),
				new Comparison("login", "two-step login / one-step login",
						new TwoStepLoginScenario(users, this.options.maxUsers()), new OneStepLoginScenario(users),
						0.45),
				new Comparison("calls", "bearer call / session call", new CurrentUserScenario(users, ServerMode.JWT),
						new CurrentUserScenario(users, ServerMode.SESSION), null),
				new Comparison("jwt-verify", "jwt verify / session verify",
						new VerifyScenario(users, this.options.maxUsers(), ServerMode.JWT),
						new VerifyScenario(users, this.options.maxUsers()), null))
			.stream()
			.filter((comparison) -> this.options.only().contains(comparison.key()))
			.toList();
		Schedule schedule = new Schedule(this.options.rounds(), this.options.round(), this.options.warmup(),
				this.options.users());
		List<ComparisonResult> results = new ArrayList<>();
		boolean warm = false;
		for (int connections : this.options.connections()) {
			try (LoadWorkers workers = new LoadWorkers(connections, ports)) {
				users.ensurePlainUsers(workers, PLAIN_USERS);
				users.ensureMfaUsers(workers, this.options.users());
				if (!warm) {
					// The jwt server has served nothing yet, the session server only the
					// making of users: a cold JIT would weigh on the first comparisons.
					Progress.log("Warming both servers up with every comparison");
					comparisons.forEach((comparison) -> comparison.warmUp(workers, schedule));
					warm = true;
				}
				for (Comparison comparison : comparisons) {
					Progress.log(comparison.title() + " at " + connections + " connections");
					results.add(comparison.run(workers, schedule));
				}
			}
		}
		return results;
	}

}
