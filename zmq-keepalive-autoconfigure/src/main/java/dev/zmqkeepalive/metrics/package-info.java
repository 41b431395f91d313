/**
 * Micrometer meters of managed sockets.
 */
@NullMarked
package dev.zmqkeepalive.metrics;

import org.jspecify.annotations.NullMarked;
