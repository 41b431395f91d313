package dev.zmqkeepalive.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The two topic frames of the benchmark: measured messages and the probes that show a
 * subscription is in place. Short, as the brief's "short topic frame" asks.
 *
 * @author zmq-keepalive
 */
final class Topics {

	static final byte[] DATA = "bench".getBytes(StandardCharsets.US_ASCII);

	static final byte[] SYNC = "sync".getBytes(StandardCharsets.US_ASCII);

	private Topics() {
	}

	static boolean isData(byte[] topic) {
		return Arrays.equals(topic, DATA);
	}

	static boolean isSync(byte[] topic) {
		return Arrays.equals(topic, SYNC);
	}

}
