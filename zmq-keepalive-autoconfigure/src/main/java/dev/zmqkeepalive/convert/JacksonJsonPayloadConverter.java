package dev.zmqkeepalive.convert;

import java.lang.reflect.Type;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Any other type as JSON (UTF-8), through a Jackson 3 {@link JsonMapper}: the one Spring
 * Boot auto-configures when there is one, so {@code spring.jackson.*} settings and
 * Jackson modules registered as beans apply to payloads too. It converts every type,
 * so it comes last.
 *
 * @author zmq-keepalive
 */
public final class JacksonJsonPayloadConverter implements ZmqPayloadConverter {

	private final JsonMapper jsonMapper;

	/**
	 * Create a converter.
	 * @param jsonMapper the mapper
	 */
	public JacksonJsonPayloadConverter(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	@Override
	public boolean canConvert(Type type) {
		return true;
	}

	@Override
	public byte[] toPayload(Object payload) {
		try {
			return this.jsonMapper.writeValueAsBytes(payload);
		}
		catch (JacksonException ex) {
			throw new ZmqPayloadConversionException(
					"Cannot write " + payload.getClass().getName() + " as JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	@Override
	public Object fromPayload(byte[] payload, Type type) {
		JavaType javaType = this.jsonMapper.constructType(type);
		try {
			Object value = this.jsonMapper.readValue(payload, javaType);
			if (value == null) {
				throw new ZmqPayloadConversionException(
						"Payload of " + payload.length + " bytes is JSON null (or empty), not a " + javaType);
			}
			return value;
		}
		catch (JacksonException ex) {
			throw new ZmqPayloadConversionException("Payload of " + payload.length + " bytes is not JSON for "
					+ javaType + ": " + ex.getOriginalMessage(), ex);
		}
	}

}
