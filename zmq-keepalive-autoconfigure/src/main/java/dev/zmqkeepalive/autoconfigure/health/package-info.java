/**
 * Auto-configuration of the {@code zmq} health contributor.
 */
@NullMarked
package dev.zmqkeepalive.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
