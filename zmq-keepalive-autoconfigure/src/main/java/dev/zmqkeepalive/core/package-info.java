/**
 * {@code ZmqTemplate}: sending on managed sockets from any thread.
 */
@NullMarked
package dev.zmqkeepalive.core;

import org.jspecify.annotations.NullMarked;
