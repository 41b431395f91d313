package dev.zmqkeepalive.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.zmqkeepalive.autoconfigure.InvalidZmqPropertyException;
import dev.zmqkeepalive.socket.ZmqBindException;

/**
 * Lets tests outside this package run the package-private analyzer.
 */
public class FailureAnalyzersAccess {

	public FailureAnalysis analyze(InvalidZmqPropertyException failure) {
		return new InvalidZmqPropertyFailureAnalyzer().analyze(failure);
	}

	public FailureAnalysis analyze(ZmqBindException failure) {
		return new ZmqBindFailureAnalyzer().analyze(failure);
	}

}
