/**
 * What the starter keeps per socket above ZeroMQ: envelope sequence, loss per publisher,
 * unframed messages and conversion failures.
 */
@NullMarked
package dev.zmqkeepalive.messaging;

import org.jspecify.annotations.NullMarked;
