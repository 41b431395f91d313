package dev.zmqkeepalive.listener;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.ReflectionUtils;

import dev.zmqkeepalive.convert.ZmqPayloadConversionException;
import dev.zmqkeepalive.convert.ZmqPayloadConverter;
import dev.zmqkeepalive.convert.ZmqPayloadConverters;
import dev.zmqkeepalive.socket.ZmqMessage;
import dev.zmqkeepalive.socket.ZmqMessageListener;

/**
 * Calls a {@link ZmqListener @ZmqListener} method with the arguments its signature asks
 * for. The signature is checked once, when the adapter is created, so a wrong one fails
 * startup instead of every message.
 *
 * @author zmq-keepalive
 */
final class ListenerMethodAdapter implements ZmqMessageListener {

	private static final Log logger = LogFactory.getLog(ListenerMethodAdapter.class);

	static final String ACCEPTED_SIGNATURES = "(ZmqMessage), (P payload) or (String topic, P payload) "
			+ "(topic also byte[]), where P is String, byte[] or a type a payload converter reads "
			+ "(any type as JSON when Jackson is on the class path)";

	private final Object bean;

	private final Method method;

	private final Function<ZmqMessage, Object[]> arguments;

	private final boolean topicAndPayload;

	private ListenerMethodAdapter(Object bean, Method method, Function<ZmqMessage, Object[]> arguments,
			boolean topicAndPayload) {
		this.bean = bean;
		this.method = method;
		this.arguments = arguments;
		this.topicAndPayload = topicAndPayload;
		ReflectionUtils.makeAccessible(method);
	}

	/**
	 * Whether the starter can call a method with these parameters.
	 * @param method the method
	 * @return whether its signature is one of {@link #ACCEPTED_SIGNATURES} (whether a
	 * converter reads its payload type is only known once the converters exist)
	 */
	static boolean accepts(Method method) {
		Class<?>[] types = method.getParameterTypes();
		return (types.length == 1) || (types.length == 2 && isText(types[0]) && types[1] != ZmqMessage.class);
	}

	/**
	 * Adapt a listener method.
	 * @param bean the bean
	 * @param method the annotated method
	 * @return the adapter
	 * @throws InvalidZmqListenerException if the method's parameters are not an accepted
	 * signature
	 */
	static ListenerMethodAdapter of(Object bean, Method method, String socket) {
		return of(bean, method, socket, ZmqPayloadConverters.textAndBinary());
	}

	/**
	 * Adapt a listener method whose payload parameter is read by a converter.
	 * @param bean the bean
	 * @param method the annotated method
	 * @param socket the socket it names
	 * @param converters the payload converters
	 * @return the adapter
	 * @throws InvalidZmqListenerException if the method's parameters are not an accepted
	 * signature, or no converter reads its payload type
	 */
	static ListenerMethodAdapter of(Object bean, Method method, String socket, ZmqPayloadConverters converters) {
		InvalidZmqListenerException.Problem problem = ZmqListenerMethods.problem(method, socket);
		if (problem != null) {
			throw new InvalidZmqListenerException(List.of(problem));
		}
		Class<?>[] types = method.getParameterTypes();
		if (types.length == 1 && types[0] == ZmqMessage.class) {
			return new ListenerMethodAdapter(bean, method, (message) -> new Object[] { message }, false);
		}
		InvalidZmqListenerException.Problem payloadProblem = ZmqListenerMethods.payloadProblem(method, socket,
				converters);
		if (payloadProblem != null) {
			throw new InvalidZmqListenerException(List.of(payloadProblem));
		}
		Type payloadType = method.getGenericParameterTypes()[types.length - 1];
		ZmqPayloadConverter converter = converters.get(payloadType);
		Function<ZmqMessage, Object> payload = (message) -> read(converter, message.payload(), payloadType);
		if (types.length == 1) {
			return new ListenerMethodAdapter(bean, method, (message) -> new Object[] { payload.apply(message) }, true);
		}
		Function<ZmqMessage, Object> topic = (types[0] == String.class) ? ZmqMessage::topicAsString
				: ZmqMessage::topic;
		return new ListenerMethodAdapter(bean, method,
				(message) -> new Object[] { topic.apply(message), payload.apply(message) }, true);
	}

	private static Object read(ZmqPayloadConverter converter, byte[] payload, Type type) {
		try {
			return converter.fromPayload(payload, type);
		}
		catch (ZmqPayloadConversionException ex) {
			throw new PayloadNotConverted(ex);
		}
		catch (RuntimeException ex) {
			// A converter of the application's that breaks its contract: still the payload's fault.
			throw new PayloadNotConverted(new ZmqPayloadConversionException(
					"Payload of " + payload.length + " bytes not read as " + type.getTypeName() + ": " + ex, ex));
		}
	}

	private static boolean isText(Class<?> type) {
		return type == String.class || type == byte[].class;
	}

	@Override
	public void onMessage(ZmqMessage message) throws Exception {
		if (this.topicAndPayload && !message.isTopicAndPayload()) {
			throw new IllegalArgumentException("Message with " + message.frames().size() + " frames cannot be passed "
					+ "to " + this.method.getName() + ": (topic, payload) listeners take messages of 1 or 2 frames; "
					+ "declare a ZmqMessage parameter to receive any number of frames");
		}
		try {
			this.method.invoke(this.bean, this.arguments.apply(message));
		}
		catch (InvocationTargetException ex) {
			if (ex.getCause() instanceof Exception cause) {
				throw cause;
			}
			throw ex;
		}
	}

	/**
	 * A payload that did not convert to the listener's parameter, told apart from the
	 * same exception thrown by the listener method itself.
	 */
	static final class PayloadNotConverted extends RuntimeException {

		private final ZmqPayloadConversionException conversionFailure;

		PayloadNotConverted(ZmqPayloadConversionException cause) {
			super(cause.getMessage(), cause);
			this.conversionFailure = cause;
		}

		ZmqPayloadConversionException conversionFailure() {
			return this.conversionFailure;
		}

	}

	@Override
	public String toString() {
		return this.method.getDeclaringClass().getSimpleName() + "." + this.method.getName();
	}

}
