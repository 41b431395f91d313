package dev.zmqkeepalive.socket;

import java.time.Duration;

/**
 * Formats durations the way they are written in properties ({@code 100ms}, {@code 60s},
 * {@code 2m}), for health details, the actuator endpoint and log messages.
 *
 * @author zmq-keepalive
 */
public final class Durations {

	private Durations() {
	}

	public static String format(Duration duration) {
		long millis = duration.toMillis();
		if (millis % 1000 != 0) {
			return millis + "ms";
		}
		long seconds = millis / 1000;
		if (seconds != 0 && seconds % 3600 == 0) {
			return (seconds / 3600) + "h";
		}
		if (seconds != 0 && seconds % 60 == 0) {
			return (seconds / 60) + "m";
		}
		return seconds + "s";
	}

}
