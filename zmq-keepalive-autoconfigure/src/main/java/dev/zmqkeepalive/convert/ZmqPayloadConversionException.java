package dev.zmqkeepalive.convert;

/**
 * A payload that could not be converted to or from the type asked for. When sending, the
 * caller gets it and nothing is sent; when receiving, the message is logged, counted
 * ({@code zmq.socket.messages.conversion.failures}) and skipped, and the next one is
 * delivered.
 *
 * @author zmq-keepalive
 */
public class ZmqPayloadConversionException extends RuntimeException {

	/**
	 * Create an exception.
	 * @param message what could not be converted, and why
	 * @param cause the converter's own exception, if any
	 */
	public ZmqPayloadConversionException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Create an exception.
	 * @param message what could not be converted, and why
	 */
	public ZmqPayloadConversionException(String message) {
		super(message);
	}

}
