package dev.zmqkeepalive.natlab;

/**
 * Messages lost, counted independently: by the subscriber itself from the envelope's sequence
 * numbers, and by the lab from what the publisher logged as sent and the subscriber logged as
 * received. A count may be a running total or the difference of two ({@link #since}).
 *
 * @param meter the subscriber's {@code zmq.socket.messages.lost} meter
 * @param events the sum of the {@code count} of the gap events the subscriber logged
 * @param harness the lab's count: messages sent, then missing between two that arrived
 * @param unframed messages the subscriber received without an envelope (must stay 0)
 */
public record LossCounts(long meter, long events, long harness, long unframed) {

	public static final LossCounts NONE = new LossCounts(0, 0, 0, 0);

	/** The meter, the events and the lab count the same, and every message had an envelope. */
	public boolean agree() {
		return this.meter == this.harness && this.events == this.meter && this.unframed == 0;
	}

	/** What was counted after {@code earlier}, a snapshot of the same running totals. */
	public LossCounts since(LossCounts earlier) {
		return new LossCounts(this.meter - earlier.meter, this.events - earlier.events, this.harness - earlier.harness,
				this.unframed - earlier.unframed);
	}

	public LossCounts plus(LossCounts other) {
		return new LossCounts(this.meter + other.meter, this.events + other.events, this.harness + other.harness,
				this.unframed + other.unframed);
	}

	/** {@code meter / lab}, with the events and unframed messages only when they are out of line. */
	public String describe() {
		String counts = this.meter + " / " + this.harness;
		if (this.events != this.meter) {
			counts += " (gap events " + this.events + ")";
		}
		if (this.unframed != 0) {
			counts += " (unframed " + this.unframed + ")";
		}
		return counts;
	}

}
