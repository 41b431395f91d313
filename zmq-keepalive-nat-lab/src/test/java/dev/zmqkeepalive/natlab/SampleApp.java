package dev.zmqkeepalive.natlab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Launches the real sample application ({@code dev.zmqkeepalive.sample.SampleApplication})
 * in a lab namespace, configured only through command-line properties, and reads its
 * actuator from inside that namespace.
 */
final class SampleApp {

	static final String MAIN_CLASS = "dev.zmqkeepalive.sample.SampleApplication";

	/** Each namespace has its own loopback, so every instance can use the same port. */
	static final int HTTP_PORT = 8080;

	// Several apps may start at once on two cores.
	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

	private SampleApp() {
	}

	static LabProcess start(NatLab lab, Host host, String name, List<String> arguments) {
		return start(lab, host, name, HTTP_PORT, arguments);
	}

	/** Start one of several apps in the same namespace: each needs an HTTP port of its own. */
	static LabProcess start(NatLab lab, Host host, String name, int httpPort, List<String> arguments) {
		List<String> args = new ArrayList<>(arguments);
		args.add("--server.port=" + httpPort);
		args.add("--spring.main.banner-mode=off");
		LabProcess process = lab.start(name, host, LabCommands.java(MAIN_CLASS, args.toArray(String[]::new)));
		process.awaitLine(LabPatterns.SAMPLE_APP_STARTED, STARTUP_TIMEOUT);
		return process;
	}

	/** The starter's global liveness properties for the given settings. */
	static List<String> livenessProperties(LinkSettings settings) {
		List<String> args = new ArrayList<>();
		String prefix = "--zmq.keepalive.";
		args.add(prefix + "tcp.enabled=" + settings.keepaliveEnabled());
		if (settings.keepaliveEnabled()) {
			args.add(prefix + "tcp.idle=" + settings.keepaliveIdle().toMillis() + "ms");
			args.add(prefix + "tcp.interval=" + settings.keepaliveInterval().toMillis() + "ms");
			args.add(prefix + "tcp.count=" + settings.keepaliveCount());
		}
		// A heartbeat interval of 0 switches heartbeats off.
		args.add(prefix + "heartbeat.interval="
				+ (settings.heartbeatEnabled() ? settings.heartbeatInterval().toMillis() : 0) + "ms");
		if (settings.heartbeatEnabled()) {
			args.add(prefix + "heartbeat.timeout=" + settings.heartbeatTimeout().toMillis() + "ms");
		}
		if (settings.heartbeatTtl() != null) {
			args.add(prefix + "heartbeat.ttl=" + settings.heartbeatTtl().toMillis() + "ms");
		}
		args.add(prefix + "reconnect.interval=" + settings.reconnectInterval().toMillis() + "ms");
		args.add(prefix + "reconnect.max-interval=" + settings.reconnectMaxInterval().toMillis() + "ms");
		return args;
	}

	/** A counter's value from {@code /actuator/metrics}, tagged with the socket; fails if it cannot be read. */
	static long counter(NatTopology topology, Host host, String meter, String socket) {
		return counter(topology, host, HTTP_PORT, meter, socket);
	}

	/** A counter of one of several apps in the namespace, each on its own HTTP port. */
	static long counter(NatTopology topology, Host host, int httpPort, String meter, String socket) {
		return counterTagged(topology, host, httpPort, meter, "socket:" + socket);
	}

	/** How many socket events of one kind ({@code zmq.socket.events}, e.g. {@code handshake-failed}) an app counted. */
	static long eventCount(NatTopology topology, Host host, int httpPort, String socket, String kind) {
		return counterTagged(topology, host, httpPort, "zmq.socket.events", "socket:" + socket, "event:" + kind);
	}

	private static long counterTagged(NatTopology topology, Host host, int httpPort, String meter, String... tags) {
		String query = "?tag=" + String.join("&tag=", tags);
		java.util.regex.Pattern count = java.util.regex.Pattern.compile("\"statistic\":\"COUNT\",\"value\":([0-9.Ee+-]+)");
		String body = "";
		// A request can time out on two busy cores: ask again before calling the meter unreadable.
		for (int attempt = 0; attempt < 3; attempt++) {
			body = actuator(topology, host, httpPort, "metrics/" + meter + query);
			java.util.regex.Matcher matcher = count.matcher(body);
			if (matcher.find()) {
				return Math.round(Double.parseDouble(matcher.group(1)));
			}
		}
		throw new IllegalStateException("no COUNT in /actuator/metrics/" + meter + query + ": " + body);
	}

	/** GET an actuator path from inside the namespace; the body, or empty if it failed. */
	static String actuator(NatTopology topology, Host host, String path) {
		return actuator(topology, host, HTTP_PORT, path);
	}

	static String actuator(NatTopology topology, Host host, int httpPort, String path) {
		Commands.Result result = Commands.runIgnoringFailure("ip", "netns", "exec", topology.namespace(host), "curl",
				"-s", "--max-time", "2", "http://127.0.0.1:" + httpPort + "/actuator/" + path);
		return result.succeeded() ? result.stdout() : "";
	}

}
