package dev.zmqkeepalive.autoconfigure.diagnostics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.zmqkeepalive.autoconfigure.UnknownZmqPropertyException;
import dev.zmqkeepalive.autoconfigure.UnknownZmqPropertyException.UnknownKey;

/**
 * Reports {@link UnknownZmqPropertyException unknown keys} with where each was written,
 * the closest valid key, and every valid key in that place.
 *
 * @author zmq-keepalive
 */
class UnknownZmqPropertyFailureAnalyzer extends AbstractFailureAnalyzer<UnknownZmqPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnknownZmqPropertyException cause) {
		String description = cause.getKeys()
			.stream()
			.map(UnknownKey::describe)
			.collect(Collectors.joining(System.lineSeparator()));
		Map<String, List<String>> validKeys = new LinkedHashMap<>();
		cause.getKeys().forEach((key) -> validKeys.putIfAbsent(key.scope(), key.validKeys()));
		StringBuilder action = new StringBuilder("Correct or remove "
				+ ((cause.getKeys().size() == 1) ? "this key" : "these keys") + " in your application's configuration.");
		validKeys.forEach((scope, keys) -> action.append(System.lineSeparator())
			.append("Valid keys under ")
			.append(scope)
			.append(": ")
			.append(String.join(", ", keys)));
		return new FailureAnalysis(description, action.toString(), cause);
	}

}
