package dev.zmqkeepalive.natlab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the machine must offer for the lab to run: Linux, root, network namespaces, iptables,
 * conntrack, ss, sysctl and Debian's python3-zmq for the libzmq publisher.
 */
public final class LabPrerequisites {

	/** Debian's python3-zmq is installed for the system interpreter, not for pyenv's. */
	public static final String PYTHON = "/usr/bin/python3";

	private LabPrerequisites() {
	}

	/** @return one human-readable reason per missing prerequisite; empty when the lab can run */
	public static List<String> missing() {
		List<String> missing = new ArrayList<>();
		if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
			missing.add("not Linux (os.name=" + System.getProperty("os.name") + ")");
			return missing;
		}
		Commands.Result id = Commands.runIgnoringFailure("id", "-u");
		if (!id.succeeded() || !id.stdout().strip().equals("0")) {
			missing.add("not running as root (id -u: " + id.stdout().strip() + ")");
		}
		check(missing, "ip netns", "ip", "netns", "list");
		check(missing, "iptables", "iptables", "--version");
		check(missing, "conntrack", "conntrack", "--version");
		check(missing, "ss", "ss", "--version");
		check(missing, "sysctl", "sysctl", "--version");
		if (!Files.isExecutable(Path.of(PYTHON))) {
			missing.add(PYTHON + " not found");
		}
		else {
			check(missing, "python3-zmq for " + PYTHON, PYTHON, "-c", "import zmq");
		}
		return missing;
	}

	private static void check(List<String> missing, String what, String... command) {
		Commands.Result result = Commands.runIgnoringFailure(command);
		if (!result.succeeded()) {
			missing.add(what + " unavailable (" + String.join(" ", command) + ": "
					+ (result.stderr().isBlank() ? "exit " + result.exitCode() : result.stderr().strip()) + ")");
		}
	}

}
