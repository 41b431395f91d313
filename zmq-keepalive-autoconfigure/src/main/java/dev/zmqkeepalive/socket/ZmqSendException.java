package dev.zmqkeepalive.socket;

/**
 * A message could not be accepted for sending: the socket is unknown, cannot send, is
 * stopped, its send queue stayed full for the whole send timeout, or it is full and the
 * sender is the socket's own thread, which must not wait for itself. Nothing was sent.
 *
 * @author zmq-keepalive
 */
public class ZmqSendException extends RuntimeException {

	public ZmqSendException(String message) {
		super(message);
	}

}
