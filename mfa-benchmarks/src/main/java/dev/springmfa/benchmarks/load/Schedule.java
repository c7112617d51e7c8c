package dev.springmfa.benchmarks.load;

import java.time.Duration;

/**
 * The rounds of a comparison: warm-up rounds, then measured rounds, alternating between
 * the sides.
 *
 * @param rounds the measured rounds of each side
 * @param round the length of a measured round
 * @param warmup the length of a warm-up round
 * @param initialOperations how many operations to prepare for a round before a rate is
 * known
 */
record Schedule(int rounds, Duration round, Duration warmup, int initialOperations) {

}
