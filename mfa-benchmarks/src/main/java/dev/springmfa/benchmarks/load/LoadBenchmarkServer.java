package dev.springmfa.benchmarks.load;

import dev.springmfa.demo.DemoApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The server JVM of the load benchmark: the demo application, unchanged, with
 * {@link LoadBenchmarkServerConfiguration} added as a further source.
 * {@link LoadBenchmark} starts one per login mode, with its settings on the command line.
 */
public final class LoadBenchmarkServer {

	private LoadBenchmarkServer() {
	}

	/**
	 * Start the demo with the benchmark's additions.
	 * @param args the demo's command line arguments
	 */
	public static void main(String[] args) {
		new SpringApplicationBuilder(DemoApplication.class, LoadBenchmarkServerConfiguration.class).run(args);
	}

}
