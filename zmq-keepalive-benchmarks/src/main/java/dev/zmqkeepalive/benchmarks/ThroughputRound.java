package dev.zmqkeepalive.benchmarks;

/**
 * The throughput cases of one round, run back to back.
 *
 * @param number 1-based round number
 * @param plain plain JeroMQ, one sender
 * @param starterSingle the starter, one sender
 * @param starterConcurrent the starter, several senders
 * @param envelopeSingle the starter with the envelope, one sender
 * @param envelopeConcurrent the starter with the envelope, several senders
 * @author zmq-keepalive
 */
record ThroughputRound(int number, ThroughputResult plain, ThroughputResult starterSingle,
		ThroughputResult starterConcurrent, ThroughputResult envelopeSingle, ThroughputResult envelopeConcurrent) {

	long lost() {
		return this.plain.lost() + this.starterSingle.lost() + this.starterConcurrent.lost()
				+ this.envelopeSingle.lost() + this.envelopeConcurrent.lost();
	}

}
