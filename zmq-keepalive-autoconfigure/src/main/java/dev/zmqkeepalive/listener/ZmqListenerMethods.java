package dev.zmqkeepalive.listener;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

import dev.zmqkeepalive.convert.ZmqPayloadConverters;
import dev.zmqkeepalive.socket.ZmqMessage;

/**
 * Finds {@link ZmqListener @ZmqListener} methods and says what is wrong with one on its
 * own (no socket named, a signature the starter cannot call). Used both before any bean
 * exists, on the classes of bean definitions, and on each bean as it is created.
 *
 * @author zmq-keepalive
 */
public final class ZmqListenerMethods {

	private ZmqListenerMethods() {
	}

	/**
	 * The listener methods of a class and the socket each names.
	 * @param type the class (a CGLIB subclass is looked through)
	 * @return every annotated method, with its socket name (empty if none)
	 */
	public static Map<Method, String> find(Class<?> type) {
		Map<Method, ZmqListener> annotated = MethodIntrospector.selectMethods(ClassUtils.getUserClass(type),
				(MethodIntrospector.MetadataLookup<ZmqListener>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, ZmqListener.class));
		Map<Method, String> sockets = new LinkedHashMap<>();
		annotated.forEach((method, listener) -> sockets.put(method, listener.socket()));
		return sockets;
	}

	/**
	 * What is wrong with a listener method on its own, whatever the sockets.
	 * @param method the method
	 * @param socket the socket it names
	 * @return the problem, or {@code null} if there is none
	 */
	public static InvalidZmqListenerException.@Nullable Problem problem(Method method, String socket) {
		if (!StringUtils.hasText(socket)) {
			return new InvalidZmqListenerException.Problem(describe(method), socket,
					"@ZmqListener method " + describe(method) + " names no socket",
					"Set @ZmqListener(socket = \"<name>\") to the name of a declared socket.");
		}
		if (!ListenerMethodAdapter.accepts(method)) {
			return new InvalidZmqListenerException.Problem(describe(method), socket,
					"@ZmqListener method " + describe(method) + " has parameters the starter cannot supply",
					"Change the parameters of " + describe(method) + " to one of "
							+ ListenerMethodAdapter.ACCEPTED_SIGNATURES + ".");
		}
		return null;
	}

	/**
	 * What is wrong with a listener method's payload parameter, given the converters.
	 * @param method the method, whose signature is otherwise accepted
	 * @param socket the socket it names
	 * @param converters the payload converters there will be
	 * @return the problem if no converter reads its payload type, or {@code null}
	 */
	public static InvalidZmqListenerException.@Nullable Problem payloadProblem(Method method, String socket,
			ZmqPayloadConverters converters) {
		Class<?>[] types = method.getParameterTypes();
		if (types.length == 0 || (types.length == 1 && types[0] == ZmqMessage.class)) {
			return null;
		}
		Type payloadType = method.getGenericParameterTypes()[types.length - 1];
		if (converters.find(payloadType) != null) {
			return null;
		}
		String listener = describe(method);
		return new InvalidZmqListenerException.Problem(listener, socket,
				"@ZmqListener method " + listener + " takes a payload of type " + payloadType.getTypeName()
						+ ", which no payload converter reads",
				"Add Jackson (tools.jackson.core:jackson-databind, or spring-boot-starter-json) for JSON, "
						+ "define a ZmqPayloadConverter bean for " + payloadType.getTypeName()
						+ ", or take a String, byte[] or ZmqMessage.");
	}

	/**
	 * A short, readable name for a method: {@code Ticks.onTick(String, String)}.
	 * @param method the method
	 * @return its name
	 */
	public static String describe(Method method) {
		return ClassUtils.getShortName(ClassUtils.getUserClass(method.getDeclaringClass())) + "." + method.getName() + "("
				+ Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "))
				+ ")";
	}

}
