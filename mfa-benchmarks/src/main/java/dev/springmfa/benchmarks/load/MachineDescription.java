package dev.springmfa.benchmarks.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The machine that a run measured on, for the report: figures of a load benchmark mean
 * little without it.
 *
 * @param cores the processors that the JVM sees
 * @param cpu the processor model, as Linux names it, or the architecture
 * @param memoryBytes the physical memory
 * @param os the operating system
 * @param jdk the JDK of the load generator and the servers
 */
record MachineDescription(int cores, String cpu, long memoryBytes, String os, String jdk) {

	/**
	 * Describe this machine.
	 * @return the description
	 */
	static MachineDescription current() {
		OperatingSystemMXBean system = ManagementFactory.getOperatingSystemMXBean();
		long memory = (system instanceof com.sun.management.OperatingSystemMXBean extended)
				? extended.getTotalMemorySize() : 0;
		return new MachineDescription(Runtime.getRuntime().availableProcessors(), cpuModel(), memory,
				System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
						+ System.getProperty("os.arch"),
				System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
	}

	/**
	 * Return the system load average of the last minute, to show how busy the machine
	 * was.
	 * @return the load average, negative if unknown
	 */
	static double loadAverage() {
		return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
	}

	/**
	 * Return the description in one line.
	 * @return the description
	 */
	String describe() {
		return String.format(Locale.ROOT, "%d cores (%s), %.1f GiB RAM, %s", this.cores, this.cpu,
				this.memoryBytes / (1024.0 * 1024 * 1024), this.os);
	}

	private static String cpuModel() {
		Path cpuinfo = Path.of("/proc/cpuinfo");
		if (Files.isReadable(cpuinfo)) {
			try (Stream<String> lines = Files.lines(cpuinfo)) {
				return lines.filter((line) -> line.startsWith("model name"))
					.map((line) -> line.substring(line.indexOf(':') + 1).trim())
					.findFirst()
					.orElse(System.getProperty("os.arch"));
			}
			catch (IOException ex) {
				// Fall back to the architecture.
			}
		}
		return System.getProperty("os.arch");
	}

}
