package dev.zmqkeepalive.observation;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.observation.transport.SenderContext;

/**
 * The observation context of one {@code ZmqTemplate} send. Its carrier is the header
 * map the envelope carries: a tracing handler writes the trace context into it, and the
 * envelope takes it to the receiver (without the envelope it goes nowhere).
 *
 * @author zmq-keepalive
 */
public class ZmqSenderContext extends SenderContext<Map<String, String>> {

	private final String socketName;

	private final String socketType;

	private final String topic;

	/**
	 * Create a context.
	 * @param socketName the sending socket
	 * @param socketType its type ({@code pub}, {@code push}, …)
	 * @param topic the topic sent
	 */
	public ZmqSenderContext(String socketName, String socketType, String topic) {
		super((carrier, key, value) -> {
			if (carrier != null) {
				carrier.put(key, value);
			}
		});
		setCarrier(new LinkedHashMap<>());
		setRemoteServiceName("zeromq");
		this.socketName = socketName;
		this.socketType = socketType;
		this.topic = topic;
	}

	/** The sending socket. */
	public String getSocketName() {
		return this.socketName;
	}

	/** The socket's type. */
	public String getSocketType() {
		return this.socketType;
	}

	/** The topic sent. */
	public String getTopic() {
		return this.topic;
	}

	/** The trace context to carry, as the tracing handler wrote it. */
	public Map<String, String> getHeaders() {
		Map<String, String> carrier = getCarrier();
		return (carrier != null) ? carrier : Map.of();
	}

}
