package dev.zmqkeepalive.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

import dev.zmqkeepalive.autoconfigure.InvalidZmqPropertyException;
import dev.zmqkeepalive.autoconfigure.UnknownZmqPropertyException;
import dev.zmqkeepalive.listener.InvalidZmqListenerException;
import dev.zmqkeepalive.socket.ZmqBindException;

/**
 * Lets tests outside this package run the package-private analyzer.
 */
public class FailureAnalyzersAccess {

	public FailureAnalysis analyze(InvalidZmqPropertyException failure) {
		return new InvalidZmqPropertyFailureAnalyzer().analyze(failure);
	}

	public FailureAnalysis analyze(ZmqBindException failure) {
		return new ZmqBindFailureAnalyzer(null).analyze(failure);
	}

	public FailureAnalysis analyze(InvalidZmqListenerException failure) {
		return new InvalidZmqListenerFailureAnalyzer().analyze(failure);
	}

	public FailureAnalysis analyze(ZmqBindException failure, Environment environment) {
		return new ZmqBindFailureAnalyzer(environment).analyze(failure);
	}

	public FailureAnalysis analyze(UnknownZmqPropertyException failure) {
		return new UnknownZmqPropertyFailureAnalyzer().analyze(failure);
	}

}
