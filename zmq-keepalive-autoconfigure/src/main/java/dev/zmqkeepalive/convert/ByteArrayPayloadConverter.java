package dev.zmqkeepalive.convert;

import java.lang.reflect.Type;

/**
 * {@code byte[]} payloads, as they are: not copied.
 *
 * @author zmq-keepalive
 */
public final class ByteArrayPayloadConverter implements ZmqPayloadConverter {

	@Override
	public boolean canConvert(Type type) {
		return type == byte[].class;
	}

	@Override
	public byte[] toPayload(Object payload) {
		return (byte[]) payload;
	}

	@Override
	public Object fromPayload(byte[] payload, Type type) {
		return payload;
	}

}
