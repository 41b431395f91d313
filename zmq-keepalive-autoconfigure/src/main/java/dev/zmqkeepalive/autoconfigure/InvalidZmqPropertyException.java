package dev.zmqkeepalive.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * A {@code zmq.keepalive.*} property has a value the starter cannot use. Thrown at
 * startup, before any socket is opened.
 *
 * @author zmq-keepalive
 */
public class InvalidZmqPropertyException extends RuntimeException {

	private final String property;

	private final @Nullable Object value;

	private final String allowed;

	/**
	 * Create an exception.
	 * @param property the full property name
	 * @param value the offending value
	 * @param problem what is wrong with it
	 * @param allowed what would be accepted
	 */
	public InvalidZmqPropertyException(String property, @Nullable Object value, String problem, String allowed) {
		super("Invalid value '" + display(value) + "' for property '" + property + "': " + problem + ". Allowed: "
				+ allowed);
		this.property = property;
		this.value = value;
		this.allowed = allowed;
	}

	private static String display(@Nullable Object value) {
		return (value instanceof java.time.Duration duration) ? dev.zmqkeepalive.socket.Durations.format(duration)
				: String.valueOf(value);
	}

	public String getProperty() {
		return this.property;
	}

	public @Nullable Object getValue() {
		return this.value;
	}

	/** What would be accepted instead. */
	public String getAllowed() {
		return this.allowed;
	}

}
