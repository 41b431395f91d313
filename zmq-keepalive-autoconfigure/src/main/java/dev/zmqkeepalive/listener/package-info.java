/**
 * {@code @ZmqListener} methods and their registration.
 */
@NullMarked
package dev.zmqkeepalive.listener;

import org.jspecify.annotations.NullMarked;
