package dev.zmqkeepalive.benchmarks;

/**
 * Plain, starter and starter-with-envelope latency of one round, run back to back.
 *
 * @param number 1-based round number
 * @param plain plain JeroMQ
 * @param starter the starter
 * @param envelope the starter with the envelope
 * @author zmq-keepalive
 */
record LatencyRound(int number, LatencyResult plain, LatencyResult starter, LatencyResult envelope) {

}
