package dev.zmqkeepalive.listener;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.ReflectionUtils;

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

	static final String ACCEPTED_SIGNATURES = "(ZmqMessage), (String payload), (byte[] payload), "
			+ "(String topic, String payload), (String topic, byte[] payload) or (byte[] topic, byte[] payload)";

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
	 * @return whether its signature is one of {@link #ACCEPTED_SIGNATURES}
	 */
	static boolean accepts(Method method) {
		Class<?>[] types = method.getParameterTypes();
		return (types.length == 1 && (types[0] == ZmqMessage.class || isText(types[0])))
				|| (types.length == 2 && isText(types[0]) && isText(types[1]));
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
		InvalidZmqListenerException.Problem problem = ZmqListenerMethods.problem(method, socket);
		if (problem != null) {
			throw new InvalidZmqListenerException(List.of(problem));
		}
		Class<?>[] types = method.getParameterTypes();
		if (types.length == 1 && types[0] == ZmqMessage.class) {
			return new ListenerMethodAdapter(bean, method, (message) -> new Object[] { message }, false);
		}
		if (types.length == 1) {
			Function<ZmqMessage, Object> payload = payload(types[0]);
			return new ListenerMethodAdapter(bean, method, (message) -> new Object[] { payload.apply(message) }, true);
		}
		Function<ZmqMessage, Object> topic = (types[0] == String.class) ? ZmqMessage::topicAsString
				: ZmqMessage::topic;
		Function<ZmqMessage, Object> payload = payload(types[1]);
		return new ListenerMethodAdapter(bean, method,
				(message) -> new Object[] { topic.apply(message), payload.apply(message) }, true);
	}

	private static boolean isText(Class<?> type) {
		return type == String.class || type == byte[].class;
	}

	private static Function<ZmqMessage, Object> payload(Class<?> type) {
		return (type == String.class) ? ZmqMessage::payloadAsString : ZmqMessage::payload;
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

	@Override
	public String toString() {
		return this.method.getDeclaringClass().getSimpleName() + "." + this.method.getName();
	}

}
