/**
 * Auto-configuration of the {@code zmq.socket.*} meters.
 */
@NullMarked
package dev.zmqkeepalive.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
