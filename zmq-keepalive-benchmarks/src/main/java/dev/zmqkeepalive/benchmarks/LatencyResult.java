package dev.zmqkeepalive.benchmarks;

/**
 * One latency trial: one-way publisher-to-listener latency at a fixed rate.
 *
 * @param link which link
 * @param sent messages sent
 * @param received messages received
 * @param p50Micros median
 * @param p99Micros 99th percentile
 * @param p999Micros 99.9th percentile
 * @param maxMicros worst
 * @author zmq-keepalive
 */
record LatencyResult(String link, long sent, long received, double p50Micros, double p99Micros, double p999Micros,
		double maxMicros) {

	long lost() {
		return this.sent - this.received;
	}

	static LatencyResult of(String link, long sent, long[] sortedNanos) {
		return new LatencyResult(link, sent, sortedNanos.length, micros(sortedNanos, 0.50), micros(sortedNanos, 0.99),
				micros(sortedNanos, 0.999), micros(sortedNanos, 1.0));
	}

	/** Nearest-rank percentile. */
	private static double micros(long[] sorted, double quantile) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int rank = (int) Math.ceil(quantile * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1_000.0;
	}

}
