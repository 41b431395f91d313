/**
 * The optional message envelope: its frame format, and counting per publisher what a
 * receiving socket never got.
 */
@NullMarked
package dev.zmqkeepalive.envelope;

import org.jspecify.annotations.NullMarked;
