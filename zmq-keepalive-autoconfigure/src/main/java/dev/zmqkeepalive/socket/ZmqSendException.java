package dev.zmqkeepalive.socket;

/**
 * A message could not be accepted for sending: the socket is unknown, cannot send, is
 * stopped, or its send queue stayed full for the whole send timeout. Nothing was sent.
 *
 * @author zmq-keepalive
 */
public class ZmqSendException extends RuntimeException {

	public ZmqSendException(String message) {
		super(message);
	}

}
