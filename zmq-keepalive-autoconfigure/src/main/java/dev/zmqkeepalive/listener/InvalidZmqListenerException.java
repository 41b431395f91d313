package dev.zmqkeepalive.listener;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One or more {@link ZmqListener @ZmqListener} methods the starter cannot attach: on a
 * socket that is not declared, on a socket that receives nothing, naming no socket, or
 * with parameters the starter cannot supply. Thrown at startup, before any socket is
 * opened when the listener's class is known from its bean definition.
 *
 * @author zmq-keepalive
 */
public class InvalidZmqListenerException extends RuntimeException {

	private final List<Problem> problems;

	/**
	 * Create an exception.
	 * @param problems every listener problem found
	 */
	public InvalidZmqListenerException(List<Problem> problems) {
		super(problems.stream().map(Problem::description).collect(Collectors.joining("; ")));
		this.problems = List.copyOf(problems);
	}

	/** Every listener problem found. */
	public List<Problem> getProblems() {
		return this.problems;
	}

	/**
	 * What is wrong with one listener method and what to do about it.
	 *
	 * @param listener the method, such as {@code Ticks.onTick(Integer)}
	 * @param socket the socket it names (empty if none)
	 * @param description what is wrong
	 * @param action what to change
	 */
	public record Problem(String listener, String socket, String description, String action) {

	}

}
