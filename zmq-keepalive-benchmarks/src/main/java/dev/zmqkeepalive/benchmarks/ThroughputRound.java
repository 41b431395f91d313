package dev.zmqkeepalive.benchmarks;

/**
 * The three throughput cases of one round, run back to back.
 *
 * @param number 1-based round number
 * @param plain plain JeroMQ, one sender
 * @param starterSingle the starter, one sender
 * @param starterConcurrent the starter, several senders
 * @author zmq-keepalive
 */
record ThroughputRound(int number, ThroughputResult plain, ThroughputResult starterSingle,
		ThroughputResult starterConcurrent) {

	long lost() {
		return this.plain.lost() + this.starterSingle.lost() + this.starterConcurrent.lost();
	}

}
