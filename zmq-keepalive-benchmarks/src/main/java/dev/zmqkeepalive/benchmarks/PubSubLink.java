package dev.zmqkeepalive.benchmarks;

/**
 * A publisher and a subscriber connected over tcp://127.0.0.1, in the same process. The
 * subscriber delivers every message (topic frame + payload frame) to the sink the link
 * was built with.
 *
 * @author zmq-keepalive
 */
interface PubSubLink extends AutoCloseable {

	/** Short name for the report. */
	String name();

	/**
	 * Publish one two-frame message.
	 * @param topic the topic frame
	 * @param payload the payload frame (never changed afterwards)
	 */
	void send(byte[] topic, byte[] payload);

	/**
	 * Whether {@link #send} may be called by several threads at once. A plain JeroMQ
	 * socket may not; the starter's template may.
	 */
	boolean concurrentSenders();

	@Override
	void close();

}
