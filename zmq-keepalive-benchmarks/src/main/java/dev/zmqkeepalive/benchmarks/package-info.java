/**
 * Throughput and latency of the starter against plain JeroMQ, measured in one run.
 */
@NullMarked
package dev.zmqkeepalive.benchmarks;

import org.jspecify.annotations.NullMarked;
