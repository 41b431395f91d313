package dev.zmqkeepalive.envelope;

import java.util.UUID;

/**
 * Messages of one publisher that never arrived: every sequence number from
 * {@code firstMissing} to {@code lastMissing}, both included.
 *
 * @param publisherId the publisher's instance id
 * @param firstMissing first sequence number not received
 * @param lastMissing last sequence number not received
 * @author zmq-keepalive
 */
public record MissingMessages(UUID publisherId, long firstMissing, long lastMissing) {

	/** How many messages are missing. */
	public long count() {
		return this.lastMissing - this.firstMissing + 1;
	}

}
