package dev.zmqkeepalive.autoconfigure.diagnostics;

import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.zmqkeepalive.listener.InvalidZmqListenerException;

/**
 * Reports {@link InvalidZmqListenerException @ZmqListener methods the starter cannot
 * attach}: each method, what is wrong with it and what to change.
 *
 * @author zmq-keepalive
 */
class InvalidZmqListenerFailureAnalyzer extends AbstractFailureAnalyzer<InvalidZmqListenerException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidZmqListenerException cause) {
		String description = cause.getProblems()
			.stream()
			.map((problem) -> problem.description() + ".")
			.collect(Collectors.joining(System.lineSeparator()));
		String action = cause.getProblems()
			.stream()
			.map(InvalidZmqListenerException.Problem::action)
			.distinct()
			.collect(Collectors.joining(System.lineSeparator()));
		return new FailureAnalysis(description, action, cause);
	}

}
