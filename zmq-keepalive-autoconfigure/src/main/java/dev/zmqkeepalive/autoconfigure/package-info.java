/**
 * Auto-configuration of keepalive-tuned, monitored JeroMQ sockets from {@code
 * zmq.keepalive.*} properties. The only package that knows property names.
 */
@NullMarked
package dev.zmqkeepalive.autoconfigure;

import org.jspecify.annotations.NullMarked;
