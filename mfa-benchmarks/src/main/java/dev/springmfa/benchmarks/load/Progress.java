package dev.springmfa.benchmarks.load;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * Progress lines of a run on standard error, so that standard output holds the report
 * only.
 */
final class Progress {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

	private Progress() {
	}

	/**
	 * Print a progress line.
	 * @param message the line
	 */
	static void log(String message) {
		System.err.println("[" + TIME.format(LocalTime.now()) + "] " + message);
	}

}
