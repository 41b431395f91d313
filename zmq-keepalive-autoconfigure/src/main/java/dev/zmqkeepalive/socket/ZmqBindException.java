package dev.zmqkeepalive.socket;

/**
 * A managed socket could not bind or connect one of its endpoints at startup, for example
 * because the port is already in use.
 *
 * @author zmq-keepalive
 */
public class ZmqBindException extends RuntimeException {

	private final String socketName;

	private final String property;

	private final String endpoint;

	public ZmqBindException(String socketName, String property, String endpoint, String reason, Throwable cause) {
		super("Socket '" + socketName + "' could not " + (property.contains(".bind[") ? "bind" : "connect") + " '"
				+ endpoint + "' (" + property + "): " + reason, cause);
		this.socketName = socketName;
		this.property = property;
		this.endpoint = endpoint;
	}

	public String getSocketName() {
		return this.socketName;
	}

	/** The property that declared the endpoint. */
	public String getProperty() {
		return this.property;
	}

	public String getEndpoint() {
		return this.endpoint;
	}

}
