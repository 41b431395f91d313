package dev.zmqkeepalive.socket;

import java.time.Duration;

/**
 * Reconnect back-off of a connecting socket ({@code ZMQ_RECONNECT_IVL},
 * {@code _IVL_MAX}) and the starter's connect timeout, which JeroMQ lacks.
 *
 * @param interval first delay before reconnecting
 * @param maxInterval upper bound of the exponential back-off
 * @param connectTimeout how long a TCP connect may stay unanswered before it is started
 * again with a fresh SYN
 */
public record Reconnect(Duration interval, Duration maxInterval, Duration connectTimeout) {

}
