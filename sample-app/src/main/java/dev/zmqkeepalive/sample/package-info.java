/**
 * The sample application: a ticks publisher and subscriber in one process.
 */
@NullMarked
package dev.zmqkeepalive.sample;

import org.jspecify.annotations.NullMarked;
