package dev.springmfa.benchmarks.load;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report of a run in Markdown: the setup, the ratios against the project's goals, and
 * the throughput and latency of every scenario.
 *
 * @param options the options of the run
 * @param machine the machine
 * @param database the PostgreSQL server
 * @param started when the run started
 * @param duration how long the run took
 * @param loadAverages the system load average at the start and at the end
 * @param mfaUsers how many MFA users the run made
 * @param results the comparisons, by concurrency
 */
record MarkdownReport(LoadBenchmarkOptions options, MachineDescription machine, String database, Instant started,
		Duration duration, double[] loadAverages, int mfaUsers, List<ComparisonResult> results) {

	// A spread of the rounds beyond which a median means little.
	private static final double UNSTEADY = 1.3;

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	/**
	 * Render the report.
	 * @return the Markdown text
	 */
	String render() {
		StringBuilder out = new StringBuilder();
		line(out, "# Load benchmark of the demo app on PostgreSQL");
		line(out, "");
		line(out,
				"Run of %s, %d min. Figures from a shared or busy machine are not comparable: measure again "
						+ "on a quiet one, and compare ratios within one run only.",
				TIMESTAMP.format(this.started), Math.max(1, this.duration.toMinutes()));
		line(out, "");
		line(out, "## Setup");
		line(out, "");
		line(out, "- Machine: %s; load average %.2f at the start, %.2f at the end.", this.machine.describe(),
				this.loadAverages[0], this.loadAverages[1]);
		line(out, "- JDK: %s, for the load generator and the servers.", this.machine.jdk());
		line(out, "- Database: %s; database `%s`, created for the run.", this.database, this.options.database());
		line(out, "- Servers: the demo app, one JVM per login mode (session; jwt with HS256 tokens), "
				+ "`-Xms%2$s -Xmx%2$s -XX:+UseG1GC`; Hikari pool of %1$d connections; Tomcat keep-alive without a "
				+ "request limit; sessions time out after 2 min.", this.options.poolSize(), this.options.heap());
		line(out, "- Password encoder: `{noop}`, no hash, in place of the demo's bcrypt (about 70 ms a login on "
				+ "such a machine), which would hide what MFA costs. Login figures are of everything but the hash.");
		line(out, "- Load: closed loop on the same machine, one platform thread and one keep-alive connection "
				+ "(plain socket) per worker; both servers warmed up first with every comparison; then, for each "
				+ "comparison and concurrency, warm-up rounds of %d s per side until neither side's throughput rose "
				+ "by more than 10 %% (2 to 5 rounds), then %d measured rounds of %d s per side, alternating A, B. Rounds that spend TOTP codes start when a 30 s time step begins and use "
				+ "each MFA user at most once (%d MFA users made).", this.options.warmup().toSeconds(),
				this.options.rounds(), this.options.round().toSeconds(), this.mfaUsers);
		line(out, "");
		line(out, "## Ratios A / B of the median throughputs");
		line(out, "");
		renderRatios(out);
		line(out, "");
		line(out, "## Throughput and latency");
		line(out, "");
		line(out,
				"Throughput: operations a second, the median of the rounds and their spread (min–max); an "
						+ "operation is one request, but two for the two-step login. Latency: percentiles of every "
						+ "operation of the measured rounds.");
		line(out, "");
		line(out, "| connections | scenario | median /s | min–max /s | p50 | p99 | errors |");
		line(out, "|---|---|---|---|---|---|---|");
		for (ComparisonResult result : this.results) {
			renderSide(out, result.connections(), result.a());
			renderSide(out, result.connections(), result.b());
		}
		renderWarnings(out);
		return out.toString();
	}

	private void renderRatios(StringBuilder out) {
		Map<String, Map<Integer, ComparisonResult>> byTitle = new LinkedHashMap<>();
		for (ComparisonResult result : this.results) {
			byTitle.computeIfAbsent(result.title(), (title) -> new LinkedHashMap<>()).put(result.connections(), result);
		}
		StringBuilder header = new StringBuilder("| A / B |");
		StringBuilder rule = new StringBuilder("|---|");
		for (int connections : this.options.connections()) {
			header.append(' ').append(connections).append(" connections |");
			rule.append("---|");
		}
		line(out, "%s goal |", header);
		line(out, "%s---|", rule);
		byTitle.forEach((title, results) -> {
			StringBuilder row = new StringBuilder("| ").append(title).append(" |");
			Double goal = null;
			for (int connections : this.options.connections()) {
				ComparisonResult result = results.get(connections);
				row.append(' ')
					.append((result != null && result.ratio() > 0) ? format("%.2f", result.ratio()) : "–")
					.append(" |");
				goal = (result != null) ? result.goal() : goal;
			}
			row.append(' ').append((goal != null) ? format("≥ %.2f", goal) : "–").append(" |");
			line(out, "%s", row);
		});
	}

	private static void renderSide(StringBuilder out, int connections, SideResult side) {
		Latencies latencies = side.latencies();
		line(out, "| %d | %s | %s | %s–%s | %s | %s | %d |", connections, side.name(),
				throughput(side.medianThroughput()), throughput(side.minThroughput()), throughput(side.maxThroughput()),
				millis(latencies.percentile(50)), millis(latencies.percentile(99)), side.errors());
	}

	private void renderWarnings(StringBuilder out) {
		List<String> warnings = new ArrayList<>();
		for (ComparisonResult result : this.results) {
			for (SideResult side : List.of(result.a(), result.b())) {
				if (side.errors() > 0) {
					warnings.add(format("%s at %d connections: %d errors, the first: %s", side.name(),
							result.connections(), side.errors(), String.valueOf(side.firstError())));
				}
				if (side.minThroughput() > 0 && side.maxThroughput() / side.minThroughput() > UNSTEADY) {
					warnings.add(format(
							"%s at %d connections: the fastest round was %.1f times the slowest; the "
									+ "machine was busy or the server not yet warm",
							side.name(), result.connections(), side.maxThroughput() / side.minThroughput()));
				}
				if (side.exhaustedRounds() > 0) {
					warnings.add(format(
							"%s at %d connections: %d of %d rounds used up what was prepared for them "
									+ "and ended early; their throughput is over the shorter length",
							side.name(), result.connections(), side.exhaustedRounds(), this.options.rounds()));
				}
			}
		}
		if (!warnings.isEmpty()) {
			line(out, "");
			line(out, "## Warnings");
			line(out, "");
			warnings.forEach((warning) -> line(out, "- %s", warning));
		}
	}

	private static String throughput(double perSecond) {
		return format((perSecond >= 100) ? "%.0f" : "%.1f", perSecond);
	}

	private static String millis(long micros) {
		double millis = micros / 1000.0;
		return format((millis >= 10) ? "%.1f ms" : "%.2f ms", millis);
	}

	private static String format(String format, Object... args) {
		return String.format(Locale.ROOT, format, args);
	}

	private static void line(StringBuilder out, String format, Object... args) {
		out.append(format(format, args)).append('\n');
	}

}
