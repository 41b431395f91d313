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
			return;
		}
		String reason = "NAT lab prerequisites missing: " + String.join("; ", missing);
		if ("required".equalsIgnoreCase(System.getenv(REQUIRED_VARIABLE))) {
			Assertions.fail(reason + " (" + REQUIRED_VARIABLE + "=required)");
		}
		Assumptions.abort(reason);
	}

}
