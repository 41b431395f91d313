package dev.zmqkeepalive.natlab;

import java.util.List;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Skips lab tests on machines that cannot run them, unless {@code ZMQ_KEEPALIVE_LAB=required}
 * (set by CI), in which case a missing prerequisite fails the build instead of hiding it.
 */
final class LabAssumptions {

	static final String REQUIRED_VARIABLE = "ZMQ_KEEPALIVE_LAB";

	private static List<String> missing;

	private LabAssumptions() {
	}

	/** The machine the figures come from, read from it rather than typed. */
	private static String environment() {
		String kernel = Commands.runIgnoringFailure("uname", "-r").stdout().strip();
		String libzmq = Commands
			.runIgnoringFailure(LabPrerequisites.PYTHON, "-c", "import zmq; print(zmq.zmq_version())")
			.stdout()
			.strip();
		return "Machine: Linux " + kernel + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java "
				+ System.getProperty("java.version") + ", JeroMQ "
				+ jeromqVersion()
				+ ", libzmq " + libzmq + ".";
	}

	private static String jeromqVersion() {
		try (java.io.InputStream in = org.zeromq.ZMQ.class
			.getResourceAsStream("/META-INF/maven/org.zeromq/jeromq/pom.properties")) {
			java.util.Properties properties = new java.util.Properties();
			if (in != null) {
				properties.load(in);
			}
			return properties.getProperty("version", "(version unknown)");
		}
		catch (java.io.IOException ex) {
			return "(version unknown)";
		}
	}

	static synchronized void assumeLabCanRun() {
		if (missing == null) {
			missing = LabPrerequisites.missing();
			if (missing.isEmpty()) {
				List<String> swept = NatTopology.sweepStale();
				if (!swept.isEmpty()) {
					System.out.println("natlab: removed stale namespaces of dead runs: " + swept);
				}
			}
		}
		if (missing.isEmpty()) {
			LabReport.describeTolerance(LabReport.format(LinkSettings.TOLERANCE, "") + " tolerance");
			LabReport.describeEnvironment(environment());
			return;
		}
		String reason = "NAT lab prerequisites missing: " + String.join("; ", missing);
		if ("required".equalsIgnoreCase(System.getenv(REQUIRED_VARIABLE))) {
			Assertions.fail(reason + " (" + REQUIRED_VARIABLE + "=required)");
		}
		Assumptions.abort(reason);
	}

}
