package dev.zmqkeepalive.benchmarks;

/**
 * Plain and starter latency of one round, run back to back.
 *
 * @param number 1-based round number
 * @param plain plain JeroMQ
 * @param starter the starter
 * @author zmq-keepalive
 */
record LatencyRound(int number, LatencyResult plain, LatencyResult starter) {

}
