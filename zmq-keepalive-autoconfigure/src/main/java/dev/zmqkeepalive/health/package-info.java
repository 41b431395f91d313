/**
 * Health of managed sockets: the rules and the health indicator.
 */
@NullMarked
package dev.zmqkeepalive.health;

import org.jspecify.annotations.NullMarked;
