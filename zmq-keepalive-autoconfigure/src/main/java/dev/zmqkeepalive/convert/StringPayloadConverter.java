package dev.zmqkeepalive.convert;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * {@code String} payloads as UTF-8. Bytes that are not valid UTF-8 are read with
 * replacement characters, as {@code new String(bytes, UTF_8)} does: text payloads never
 * fail to convert.
 *
 * @author zmq-keepalive
 */
public final class StringPayloadConverter implements ZmqPayloadConverter {

	@Override
	public boolean canConvert(Type type) {
		return type == String.class;
	}

	@Override
	public byte[] toPayload(Object payload) {
		return ((String) payload).getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public Object fromPayload(byte[] payload, Type type) {
		return new String(payload, StandardCharsets.UTF_8);
	}

}
