package dev.zmqkeepalive.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.zmqkeepalive.autoconfigure.InvalidZmqPropertyException;

/**
 * Reports an {@link InvalidZmqPropertyException} as the property, its value, what is
 * wrong and what is allowed.
 *
 * @author zmq-keepalive
 */
class InvalidZmqPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidZmqPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidZmqPropertyException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Update '" + cause.getProperty() + "' in your application's configuration. Allowed: "
						+ cause.getAllowed(),
				cause);
	}

}
