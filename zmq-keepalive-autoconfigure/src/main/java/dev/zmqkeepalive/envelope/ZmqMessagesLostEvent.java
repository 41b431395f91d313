package dev.zmqkeepalive.envelope;

import java.time.Instant;

import org.springframework.context.ApplicationEvent;

/**
 * A receiving socket with the envelope on found messages missing: the sequence numbers
 * of one publisher jumped. Published on the socket's own thread, before the message
 * that showed the gap is delivered; keep listeners quick.
 *
 * @author zmq-keepalive
 */
public class ZmqMessagesLostEvent extends ApplicationEvent {

	private final String socketName;

	private final MissingMessages missing;

	private final Instant time;

	/**
	 * Create an event.
	 * @param source the source
	 * @param socketName the receiving socket
	 * @param missing what is missing
	 * @param time when the gap was found
	 */
	public ZmqMessagesLostEvent(Object source, String socketName, MissingMessages missing, Instant time) {
		super(source);
		this.socketName = socketName;
		this.missing = missing;
		this.time = time;
	}

	/** Name of the receiving socket. */
	public String getSocketName() {
		return this.socketName;
	}

	/** The publisher and the range of sequence numbers that never arrived. */
	public MissingMessages getMissing() {
		return this.missing;
	}

	/** When the gap was found. */
	public Instant getTime() {
		return this.time;
	}

	@Override
	public String toString() {
		return "ZmqMessagesLostEvent[socket=" + this.socketName + ", publisher=" + this.missing.publisherId()
				+ ", missing=" + this.missing.firstMissing() + ".." + this.missing.lastMissing() + " ("
				+ this.missing.count() + ")]";
	}

}
