package dev.zmqkeepalive.benchmarks;

/**
 * One throughput trial, counted at the receiver.
 *
 * @param link which link
 * @param senders sending threads
 * @param sent messages the senders handed over
 * @param received measured messages the subscriber got
 * @param elapsedNanos from the first send to the last receive (to the stall, if some
 * were lost)
 * @author zmq-keepalive
 */
record ThroughputResult(String link, int senders, long sent, long received, long elapsedNanos) {

	long lost() {
		return this.sent - this.received;
	}

	/** Messages received per second. */
	double rate() {
		return this.received * 1e9 / this.elapsedNanos;
	}

	String label() {
		return this.link + ", " + this.senders + (this.senders == 1 ? " sender" : " senders");
	}

}
