package dev.zmqkeepalive.natlab;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The starter's envelope frame (version 1, see the top-level README's frame format), written
 * and read by hand for the lab's plain JeroMQ processes, which run on stock JeroMQ alone and
 * so cannot use the starter's codec, as a program without the starter would. Also counts
 * gaps per publisher instance the way the README says a receiving socket does.
 */
public final class LabEnvelope {

	private static final byte[] MAGIC = { 0x5A, 0x4B, 0x45, 0x01 };

	private static final int FIXED = 37;

	private final Map<UUID, Long> lastSequence = new HashMap<>();

	private long lost;

	/** One frame with no headers. */
	public static byte[] write(UUID instanceId, long sequence) {
		ByteBuffer buffer = ByteBuffer.allocate(FIXED);
		buffer.put(MAGIC);
		buffer.putLong(instanceId.getMostSignificantBits());
		buffer.putLong(instanceId.getLeastSignificantBits());
		buffer.putLong(sequence);
		buffer.putLong(System.currentTimeMillis() * 1000);
		buffer.put((byte) 0);
		return buffer.array();
	}

	/** The instance id and sequence number of a frame, or {@code null} if it is not an envelope. */
	public static Header read(byte[] frame) {
		if (frame == null || frame.length < FIXED) {
			return null;
		}
		for (int i = 0; i < MAGIC.length; i++) {
			if (frame[i] != MAGIC[i]) {
				return null;
			}
		}
		ByteBuffer buffer = ByteBuffer.wrap(frame, MAGIC.length, FIXED - MAGIC.length);
		UUID id = new UUID(buffer.getLong(), buffer.getLong());
		return new Header(id, buffer.getLong());
	}

	/**
	 * Count one received message. Counting starts at the first message of each instance; a
	 * jump from n to m is a gap of m - n - 1.
	 * @return the gap this message reveals, or {@code null} if none
	 */
	public Gap receive(Header header) {
		Long last = this.lastSequence.get(header.instanceId());
		if (last == null || header.sequence() <= last) {
			if (last == null) {
				this.lastSequence.put(header.instanceId(), header.sequence());
			}
			return null;
		}
		this.lastSequence.put(header.instanceId(), header.sequence());
		if (header.sequence() == last + 1) {
			return null;
		}
		Gap gap = new Gap(header.instanceId(), last + 1, header.sequence() - 1);
		this.lost += gap.count();
		return gap;
	}

	public long lost() {
		return this.lost;
	}

	public record Header(UUID instanceId, long sequence) {
	}

	public record Gap(UUID instanceId, long first, long last) {

		public long count() {
			return this.last - this.first + 1;
		}

		/** The sample app's gap line, so the lab reads both subscribers alike. */
		public String logLine(String socket) {
			return "zmq lost socket=" + socket + " publisher=" + this.instanceId + " missing=" + this.first + ".."
					+ this.last + " count=" + count();
		}

	}

}
