package dev.springmfa.benchmarks.load;

/**
 * An answer of the demo other than the success that the benchmark expects: the operation
 * counts as an error.
 */
final class UnexpectedResponseException extends RuntimeException {

	UnexpectedResponseException(String operation, HttpResponse response) {
		super(operation + " answered " + response.describe());
	}

}
