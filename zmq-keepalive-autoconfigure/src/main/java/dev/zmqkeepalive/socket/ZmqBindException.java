package dev.zmqkeepalive.socket;

import java.util.Locale;

/**
 * A managed socket could not bind or connect one of its endpoints at startup, for example
 * because the port is already in use. It names the socket, the endpoint, whether it was
 * to be bound or connected and its position in that list, so that whoever declared the
 * endpoint (the auto-configuration's failure analysis, for properties) can say where.
 *
 * @author zmq-keepalive
 */
public class ZmqBindException extends RuntimeException {

	private final String socketName;

	private final Role role;

	private final int index;

	private final String endpoint;

	private final String reason;

	/**
	 * Create an exception.
	 * @param socketName the socket
	 * @param role whether the endpoint was to be bound or connected
	 * @param index position of the endpoint among the socket's bind or connect endpoints
	 * @param endpoint the endpoint
	 * @param reason why it failed, in words
	 * @param cause the JeroMQ failure
	 */
	public ZmqBindException(String socketName, Role role, int index, String endpoint, String reason,
			Throwable cause) {
		super("Socket '" + socketName + "' could not " + role.id() + " '" + endpoint + "' (" + role.id()
				+ " endpoint " + index + "): " + reason, cause);
		this.socketName = socketName;
		this.role = role;
		this.index = index;
		this.endpoint = endpoint;
		this.reason = reason;
	}

	public String getSocketName() {
		return this.socketName;
	}

	/** Whether the endpoint was to be bound or connected. */
	public Role getRole() {
		return this.role;
	}

	/** Position of the endpoint among the socket's bind or connect endpoints, from 0. */
	public int getIndex() {
		return this.index;
	}

	public String getEndpoint() {
		return this.endpoint;
	}

	/** Why it failed, in words (for example {@code address already in use}). */
	public String getReason() {
		return this.reason;
	}

	/** What the socket was doing with the endpoint. */
	public enum Role {

		/** Binding: listening for peers. */
		BIND,

		/** Connecting out to a peer. */
		CONNECT;

		/** The lower-case name, as in {@code bind} and {@code connect} settings. */
		public String id() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
