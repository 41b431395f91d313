package dev.zmqkeepalive.convert;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The converters the starter uses, in the order it asks them: {@code byte[]},
 * {@code String}, then the ones given (application converters, then JSON when Jackson
 * is present). The first that can convert a type converts it.
 *
 * @author zmq-keepalive
 */
public final class ZmqPayloadConverters {

	private final List<ZmqPayloadConverter> converters;

	/**
	 * Create the list.
	 * @param converters converters to ask after the {@code byte[]} and {@code String}
	 * ones, in order
	 */
	public ZmqPayloadConverters(List<? extends ZmqPayloadConverter> converters) {
		List<ZmqPayloadConverter> all = new ArrayList<>();
		all.add(new ByteArrayPayloadConverter());
		all.add(new StringPayloadConverter());
		all.addAll(converters);
		this.converters = List.copyOf(all);
	}

	/** Only {@code byte[]} and {@code String}. */
	public static ZmqPayloadConverters textAndBinary() {
		return new ZmqPayloadConverters(List.of());
	}

	/**
	 * The converter for a type.
	 * @param type the type
	 * @return the first converter that can convert it, or {@code null} if none can
	 */
	public @Nullable ZmqPayloadConverter find(Type type) {
		for (ZmqPayloadConverter converter : this.converters) {
			if (converter.canConvert(type)) {
				return converter;
			}
		}
		return null;
	}

	/**
	 * The converter for a type, or a clear error.
	 * @param type the type
	 * @return the converter
	 * @throws ZmqPayloadConversionException if no converter can convert it
	 */
	public ZmqPayloadConverter get(Type type) {
		ZmqPayloadConverter converter = find(type);
		if (converter == null) {
			throw new ZmqPayloadConversionException(noConverterFor(type));
		}
		return converter;
	}

	/**
	 * Write an object as a payload frame with the first converter for its class.
	 * @param payload the object
	 * @return the frame
	 * @throws ZmqPayloadConversionException if no converter can write it or the one that
	 * can fails
	 */
	public byte[] toPayload(Object payload) {
		return get(payload.getClass()).toPayload(payload);
	}

	/**
	 * What to say when no converter can convert a type.
	 * @param type the type
	 * @return the message
	 */
	public static String noConverterFor(Type type) {
		return "No payload converter for " + type.getTypeName() + ": payloads are byte[] or String unless "
				+ "Jackson (tools.jackson.core:jackson-databind) is on the class path, for JSON, or a "
				+ "ZmqPayloadConverter bean converts it";
	}

	@Override
	public String toString() {
		return "ZmqPayloadConverters" + this.converters.stream().map((c) -> c.getClass().getSimpleName()).toList();
	}

}
