package dev.zmqkeepalive.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.zmqkeepalive.socket.ZmqBindException;

/**
 * Reports a socket that could not bind or connect an endpoint (typically a port in use).
 *
 * @author zmq-keepalive
 */
class ZmqBindFailureAnalyzer extends AbstractFailureAnalyzer<ZmqBindException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ZmqBindException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Stop the process using '" + cause.getEndpoint() + "' or change '" + cause.getProperty()
						+ "' (a port of * binds a free one).",
				cause);
	}

}
