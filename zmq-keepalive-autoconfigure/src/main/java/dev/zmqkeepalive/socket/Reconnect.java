package dev.zmqkeepalive.socket;

import java.time.Duration;

/**
 * Reconnect back-off of a connecting socket ({@code ZMQ_RECONNECT_IVL},
 * {@code _IVL_MAX}).
 *
 * @param interval first delay before reconnecting
 * @param maxInterval upper bound of the exponential back-off
 */
public record Reconnect(Duration interval, Duration maxInterval) {

}
