package dev.zmqkeepalive.benchmarks;

/**
 * The sink a link delivers to, swapped between trials so one pair of sockets serves every
 * trial (no socket or context start-up inside a measurement).
 *
 * @author zmq-keepalive
 */
final class SinkSwitch implements MessageSink {

	private static final MessageSink DISCARD = (topic, payload) -> {
	};

	private volatile MessageSink current = DISCARD;

	void use(MessageSink sink) {
		this.current = sink;
	}

	void discard() {
		this.current = DISCARD;
	}

	@Override
	public void accept(byte[] topic, byte[] payload) {
		this.current.accept(topic, payload);
	}

}
