package dev.zmqkeepalive.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.zmqkeepalive.socket.ZmqBindException;

/**
 * Reports a socket that could not bind or connect an endpoint (typically a port in use),
 * naming the property that declared the endpoint.
 *
 * @author zmq-keepalive
 */
class ZmqBindFailureAnalyzer extends AbstractFailureAnalyzer<ZmqBindException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ZmqBindException cause) {
		String property = property(cause);
		String description = "Socket '" + cause.getSocketName() + "' could not " + cause.getRole().id() + " '"
				+ cause.getEndpoint() + "' (" + property + "): " + cause.getReason();
		String action = (cause.getRole() == ZmqBindException.Role.BIND)
				? "Stop the process using '" + cause.getEndpoint() + "' or change '" + property
						+ "' (a port of * binds a free one)."
				: "Check '" + property + "': the endpoint must be one this host can connect to.";
		return new FailureAnalysis(description, action, cause);
	}

	/** The property that declared the endpoint, e.g. {@code zmq.keepalive.sockets.ticks.bind[0]}. */
	static String property(ZmqBindException cause) {
		return "zmq.keepalive.sockets." + cause.getSocketName() + "." + cause.getRole().id() + "[" + cause.getIndex()
				+ "]";
	}

}
