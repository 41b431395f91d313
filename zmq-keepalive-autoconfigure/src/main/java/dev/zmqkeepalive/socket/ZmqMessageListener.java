package dev.zmqkeepalive.socket;

/**
 * Receives the messages of a managed socket, on the thread that owns the socket. Messages
 * of one socket arrive in order, one at a time; while a listener runs, that socket
 * receives nothing more (its peers queue up to the receive high-water mark). A listener
 * that throws is logged and counted; the next message is delivered as usual.
 *
 * @author zmq-keepalive
 * @see ZmqListener
 */
@FunctionalInterface
public interface ZmqMessageListener {

	/**
	 * Handle one message.
	 * @param message the message
	 * @throws Exception anything; it is logged and counted, never fatal
	 */
	void onMessage(ZmqMessage message) throws Exception;

}
