package dev.zmqkeepalive.benchmarks;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Medians over rounds: robust against the one round a noisy two-core machine spoils.
 *
 * @author zmq-keepalive
 */
final class Stats {

	private Stats() {
	}

	static <T> double median(List<T> items, ToDoubleFunction<T> value) {
		double[] values = items.stream().mapToDouble(value).sorted().toArray();
		if (values.length == 0) {
			return Double.NaN;
		}
		int middle = values.length / 2;
		return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
	}

	static <T> double min(List<T> items, ToDoubleFunction<T> value) {
		return items.stream().mapToDouble(value).min().orElse(Double.NaN);
	}

	static <T> double max(List<T> items, ToDoubleFunction<T> value) {
		return items.stream().mapToDouble(value).max().orElse(Double.NaN);
	}

}
