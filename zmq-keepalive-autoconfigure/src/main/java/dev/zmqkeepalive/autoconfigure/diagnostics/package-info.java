/**
 * Failure analyzers that turn socket and property failures into property names and
 * advice.
 */
@NullMarked
package dev.zmqkeepalive.autoconfigure.diagnostics;

import org.jspecify.annotations.NullMarked;
