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

	/**
	 * Where the starter's JeroMQ comes from (the lab's processes share the lab's classpath):
	 * the patched build's jar name says so, where a pom.properties inside would not.
	 */
	private static String jeromqVersion() {
		return "(starter processes) " + jarName(classpathEntry(org.zeromq.ZMQ.class)) + ", (plain JeroMQ peers) "
				+ jarName(java.nio.file.Path.of(LabCommands.plainJeromqClasspath()
					.split(java.util.regex.Pattern.quote(java.io.File.pathSeparator))[1]));
	}

	private static java.nio.file.Path classpathEntry(Class<?> type) {
		try {
			return java.nio.file.Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (java.net.URISyntaxException | RuntimeException ex) {
			return java.nio.file.Path.of("unknown");
		}
	}

	private static String jarName(java.nio.file.Path entry) {
		// In a reactor build a module may be its classes directory: name the module instead.
		return entry.getFileName().toString().endsWith(".jar") ? entry.getFileName().toString()
				: entry.getParent().getParent().getFileName() + " (" + entry.getFileName() + ")";
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
