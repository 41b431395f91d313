/**
 * Payload conversion: objects to payload frames and back ({@code byte[]}, {@code String},
 * JSON, or an application's own {@code ZmqPayloadConverter}).
 */
@NullMarked
package dev.zmqkeepalive.convert;

import org.jspecify.annotations.NullMarked;
