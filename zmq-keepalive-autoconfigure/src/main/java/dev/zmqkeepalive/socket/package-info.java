/**
 * The socket runtime: managed JeroMQ sockets, safe to use from any thread, each with the
 * thread that owns it, their live state and monitor hook. Knows nothing of Spring
 * properties.
 */
@NullMarked
package dev.zmqkeepalive.socket;

import org.jspecify.annotations.NullMarked;
