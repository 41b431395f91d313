package dev.zmqkeepalive.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The system load average, recorded in the report: on a shared two-core machine it
 * explains most of the spread between rounds.
 *
 * @author zmq-keepalive
 */
final class LoadAverage {

	private static final Path PROC_LOADAVG = Path.of("/proc/loadavg");

	private LoadAverage() {
	}

	static String read() {
		try {
			String[] fields = Files.readString(PROC_LOADAVG).trim().split("\\s+");
			return fields[0] + " / " + fields[1] + " / " + fields[2];
		}
		catch (IOException | RuntimeException ex) {
			return "unknown (no /proc/loadavg)";
		}
	}

}
