/**
 * A load benchmark of the demo application on PostgreSQL, run on demand with
 * {@code scripts/load-benchmark}: a server JVM per login mode with a floor endpoint of
 * its own, and a closed-loop load generator that compares pairs of requests side by side.
 */
@NullMarked
package dev.springmfa.benchmarks.load;

import org.jspecify.annotations.NullMarked;
