package dev.zmqkeepalive.observation;

import java.util.Map;

import io.micrometer.observation.transport.ReceiverContext;

/**
 * The observation context of one message handed to a {@code @ZmqListener}. Its carrier
 * is the envelope's header map, from which a tracing handler continues the sender's
 * trace (empty without the envelope: the listener starts a new trace).
 *
 * @author zmq-keepalive
 */
public class ZmqReceiverContext extends ReceiverContext<Map<String, String>> {

	private final String socketName;

	private final String socketType;

	private final String topic;

	private final String listener;

	/**
	 * Create a context.
	 * @param socketName the receiving socket
	 * @param socketType its type ({@code sub}, {@code pull}, …)
	 * @param topic the topic received
	 * @param listener the listener, as {@code Class.method}
	 * @param headers the envelope's headers (empty if none)
	 */
	public ZmqReceiverContext(String socketName, String socketType, String topic, String listener,
			Map<String, String> headers) {
		super((carrier, key) -> carrier.get(key));
		setCarrier(headers);
		setRemoteServiceName("zeromq");
		this.socketName = socketName;
		this.socketType = socketType;
		this.topic = topic;
		this.listener = listener;
	}

	/** The receiving socket. */
	public String getSocketName() {
		return this.socketName;
	}

	/** The socket's type. */
	public String getSocketType() {
		return this.socketType;
	}

	/** The topic received. */
	public String getTopic() {
		return this.topic;
	}

	/** The listener method. */
	public String getListener() {
		return this.listener;
	}

}
