package dev.zmqkeepalive.benchmarks;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What to run. Defaults keep a whole run around two and a half minutes on two cores; each
 * can be overridden with {@code --name=value} (for example {@code --rounds=3}).
 *
 * @param rounds measured throughput rounds (each runs every case once)
 * @param messages messages per throughput trial
 * @param warmupMessages messages per warm-up trial
 * @param payloadBytes payload frame size
 * @param concurrentSenders sending threads of the multi-threaded starter case
 * @param latencyRounds measured latency rounds
 * @param latencyRate messages per second in a latency trial
 * @param latencyDuration length of a latency trial
 * @param envelope whether the envelope link uses the envelope; {@code false} runs it as
 * a control, with the same {@code @ZmqListener} and meters but no envelope
 * @author zmq-keepalive
 */
record BenchmarkSettings(int rounds, int messages, int warmupMessages, int payloadBytes, int concurrentSenders,
		int latencyRounds, int latencyRate, Duration latencyDuration, boolean envelope) {

	static BenchmarkSettings parse(String... args) {
		Map<String, String> values = new HashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("Expected --name=value, got '" + arg + "'");
			}
			values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
		}
		BenchmarkSettings settings = new BenchmarkSettings(intValue(values, "rounds", 5),
				intValue(values, "messages", 1_000_000), intValue(values, "warmup-messages", 500_000),
				intValue(values, "payload-bytes", 100), intValue(values, "senders", 4),
				intValue(values, "latency-rounds", 3), intValue(values, "latency-rate", 20_000),
				Duration.ofMillis(intValue(values, "latency-millis", 2_000)),
				Boolean.parseBoolean(values.getOrDefault("envelope", "true")));
		values.remove("envelope");
		if (!values.isEmpty()) {
			throw new IllegalArgumentException("Unknown settings: " + values.keySet());
		}
		return settings;
	}

	private static int intValue(Map<String, String> values, String name, int fallback) {
		String value = values.remove(name);
		return (value != null) ? Integer.parseInt(value.replace("_", "")) : fallback;
	}

}
