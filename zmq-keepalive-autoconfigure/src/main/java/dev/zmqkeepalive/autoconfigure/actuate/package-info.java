/**
 * Auto-configuration of the {@code zmq} actuator endpoint.
 */
@NullMarked
package dev.zmqkeepalive.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
