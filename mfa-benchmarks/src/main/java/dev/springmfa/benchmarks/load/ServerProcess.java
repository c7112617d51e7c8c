package dev.springmfa.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A server JVM of the load benchmark: {@link LoadBenchmarkServer} on the load generator's
 * class path, with a fixed heap, on a free port, its output in a log file. A JVM of its
 * own, so that the load generator's threads, allocation and garbage collection stay out
 * of the server's heap and pauses; the two still share the machine's cores.
 */
final class ServerProcess implements AutoCloseable {

	private static final long START_TIMEOUT_MILLIS = 180_000;

	private final ServerMode mode;

	private final int port;

	private final Process process;

	private final Path log;

	private ServerProcess(ServerMode mode, int port, Process process, Path log) {
		this.mode = mode;
		this.port = port;
		this.process = process;
		this.log = log;
	}

	/**
	 * Start a server JVM and wait until it answers.
	 * @param mode the login mode
	 * @param options the options of the run
	 * @param databaseUrl the JDBC URL of the run's database
	 * @return the started server
	 * @throws IOException if the JVM cannot be started or does not answer in time
	 */
	static ServerProcess start(ServerMode mode, LoadBenchmarkOptions options, String databaseUrl) throws IOException {
		int port = freePort();
		Path log = options.output().resolve("server-" + mode.name().toLowerCase(Locale.ROOT) + ".log");
		List<String> command = new ArrayList<>(jvmArguments(options));
		command.add(LoadBenchmarkServer.class.getName());
		command.addAll(applicationArguments(mode, options, databaseUrl, port));
		Progress.log("Starting the " + mode + " server on port " + port + ", log in " + log);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		ServerProcess server = new ServerProcess(mode, port, process, log);
		server.awaitAnswer();
		return server;
	}

	/**
	 * Return the JVM options of a server, for the report as for the command.
	 * @param options the options of the run
	 * @return the JVM options, the class path included
	 */
	static List<String> jvmArguments(LoadBenchmarkOptions options) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		return List.of(java, "-Xms" + options.heap(), "-Xmx" + options.heap(), "-XX:+UseG1GC", "-cp",
				System.getProperty("java.class.path"));
	}

	/**
	 * Return the settings that the benchmark gives the demo, for the report as for the
	 * command.
	 * @param mode the login mode
	 * @param options the options of the run
	 * @param databaseUrl the JDBC URL of the run's database
	 * @param port the port
	 * @return the application arguments
	 */
	static List<String> applicationArguments(ServerMode mode, LoadBenchmarkOptions options, String databaseUrl,
			int port) {
		return List.of("--server.port=" + port, "--spring.profiles.active=" + mode.profiles(),
				"--spring.datasource.url=" + databaseUrl, "--spring.datasource.username=" + options.postgresUser(),
				"--spring.datasource.hikari.maximum-pool-size=" + options.poolSize(),
				// A reconnection every 100 requests, Tomcat's default, would show in the
				// p99 of the fast requests.
				"--server.tomcat.max-keep-alive-requests=-1",
				// Every session-mode login makes a session: keep the heap from filling.
				"--server.servlet.session.timeout=2m");
	}

	int port() {
		return this.port;
	}

	@Override
	public void close() {
		if (!this.process.isAlive()) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private void awaitAnswer() throws IOException {
		long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
		try (HttpConnection connection = new HttpConnection("127.0.0.1", this.port)) {
			while (System.currentTimeMillis() < deadline) {
				if (!this.process.isAlive()) {
					throw new IOException("The " + this.mode + " server stopped, see " + this.log);
				}
				try {
					int status = connection.get("/api/auth/csrf").status();
					if (status == 200 || status == 204) {
						return;
					}
				}
				catch (IOException ex) {
					// Not listening yet.
				}
				sleep(500);
			}
		}
		close();
		throw new IOException("The " + this.mode + " server did not answer in time, see " + this.log);
	}

	private static void sleep(long millis) throws IOException {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted", ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
