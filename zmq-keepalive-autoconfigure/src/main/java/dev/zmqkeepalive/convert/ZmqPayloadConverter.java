package dev.zmqkeepalive.convert;

import java.lang.reflect.Type;

/**
 * Turns application objects into payload frames and back. The starter asks its
 * converters in order and uses the first that {@linkplain #canConvert can convert} the
 * type: {@code byte[]} and {@code String} (UTF-8) first, then every
 * {@code ZmqPayloadConverter} bean in {@link org.springframework.core.Ordered order},
 * then JSON through the application's Jackson {@code JsonMapper} when Jackson is on the
 * class path. Implementations must be thread-safe: senders call them on their own
 * threads, listeners on their socket's thread.
 *
 * @author zmq-keepalive
 */
public interface ZmqPayloadConverter {

	/**
	 * Whether this converter writes and reads payloads of a type.
	 * @param type the declared type of a listener's payload parameter, or the class of
	 * an object being sent
	 * @return whether it does
	 */
	boolean canConvert(Type type);

	/**
	 * Write an object as a payload frame.
	 * @param payload the object, of a type this converter can convert
	 * @return the frame
	 * @throws ZmqPayloadConversionException if the object cannot be written
	 */
	byte[] toPayload(Object payload);

	/**
	 * Read a payload frame.
	 * @param payload the frame
	 * @param type the type wanted, one this converter can convert
	 * @return the object
	 * @throws ZmqPayloadConversionException if the frame is not a valid value of the type
	 */
	Object fromPayload(byte[] payload, Type type);

}
