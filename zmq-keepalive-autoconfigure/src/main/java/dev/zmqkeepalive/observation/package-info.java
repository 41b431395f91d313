/**
 * Micrometer observations of sends and listener calls: contexts, conventions and their
 * documentation.
 */
@NullMarked
package dev.zmqkeepalive.observation;

import org.jspecify.annotations.NullMarked;
