package dev.zmqkeepalive.envelope;

/**
 * A frame that starts like an envelope but is not a valid one (wrong version, truncated,
 * lengths out of bounds, trailing bytes). The message is delivered without it and counted
 * as unframed.
 *
 * @author zmq-keepalive
 */
public class MalformedEnvelopeException extends RuntimeException {

	/**
	 * Create an exception.
	 * @param message what is wrong with the frame
	 */
	public MalformedEnvelopeException(String message) {
		super(message);
	}

}
