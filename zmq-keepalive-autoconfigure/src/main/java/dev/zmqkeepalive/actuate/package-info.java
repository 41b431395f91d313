/**
 * The {@code zmq} actuator endpoint: every managed socket with its connections and the
 * keepalive values read back from the kernel.
 */
@NullMarked
package dev.zmqkeepalive.actuate;

import org.jspecify.annotations.NullMarked;
