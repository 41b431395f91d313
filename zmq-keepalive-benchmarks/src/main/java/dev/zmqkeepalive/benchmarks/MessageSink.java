package dev.zmqkeepalive.benchmarks;

/**
 * Where a link hands each received message, on the link's receiving thread.
 *
 * @author zmq-keepalive
 */
@FunctionalInterface
interface MessageSink {

	void accept(byte[] topic, byte[] payload);

}
