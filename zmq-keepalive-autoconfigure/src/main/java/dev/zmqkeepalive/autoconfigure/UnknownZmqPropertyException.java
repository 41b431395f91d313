package dev.zmqkeepalive.autoconfigure;

import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * One or more keys under {@code zmq.keepalive} that the starter does not know, most
 * often a misspelling ({@code silence-timout}) that would otherwise be ignored without a
 * word. Thrown at startup, before any socket is opened.
 *
 * @author zmq-keepalive
 */
public class UnknownZmqPropertyException extends RuntimeException {

	private final List<UnknownKey> keys;

	/**
	 * Create an exception.
	 * @param keys every unknown key found
	 */
	public UnknownZmqPropertyException(List<UnknownKey> keys) {
		super(keys.stream().map(UnknownKey::describe).collect(Collectors.joining("; ")));
		this.keys = List.copyOf(keys);
	}

	/** Every unknown key found, in the order of their property sources. */
	public List<UnknownKey> getKeys() {
		return this.keys;
	}

	/**
	 * A key the starter does not know.
	 *
	 * @param property the full property name as written
	 * @param origin where it was written (a file and line), or {@code null} if unknown
	 * @param closest the valid property closest to it
	 * @param scope where the valid keys live, such as
	 * {@code zmq.keepalive.sockets.<name>}
	 * @param validKeys the keys allowed there
	 */
	public record UnknownKey(String property, @Nullable String origin, String closest, String scope,
			List<String> validKeys) {

		public UnknownKey {
			validKeys = List.copyOf(validKeys);
		}

		/** One sentence: the key, where it was written and the closest valid key. */
		public String describe() {
			return "Unknown property '" + this.property + "'" + ((this.origin != null) ? " (" + this.origin + ")" : "")
					+ ": did you mean '" + this.closest + "'?";
		}

	}

}
