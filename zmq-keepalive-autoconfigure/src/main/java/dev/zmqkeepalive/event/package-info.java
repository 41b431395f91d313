/**
 * Socket events ({@code ZmqSocketEvent}) and the dispatcher that publishes them off
 * JeroMQ's I/O threads.
 */
@NullMarked
package dev.zmqkeepalive.event;

import org.jspecify.annotations.NullMarked;
