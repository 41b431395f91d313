package dev.zmqkeepalive.autoconfigure;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.IgnoreErrorsBindHandler;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

import dev.zmqkeepalive.convert.ZmqPayloadConverter;
import dev.zmqkeepalive.convert.ZmqPayloadConverters;
import dev.zmqkeepalive.listener.InvalidZmqListenerException;
import dev.zmqkeepalive.listener.ZmqListener;
import dev.zmqkeepalive.listener.ZmqListenerAnnotationBeanPostProcessor;
import dev.zmqkeepalive.listener.ZmqListenerMethods;
import dev.zmqkeepalive.socket.ZmqSocketType;

/**
 * Checks every {@link dev.zmqkeepalive.listener.ZmqListener @ZmqListener} method against
 * the declared sockets before any bean is created (run by {@link ZmqStartupChecks}), so that a listener on an undeclared
 * socket, on a socket that receives nothing, or with parameters the starter cannot supply
 * fails startup before any socket binds or connects. Listener classes are read from the
 * bean definitions; a bean whose class only shows once it exists is checked when it is
 * created, by {@link ZmqListenerAnnotationBeanPostProcessor}.
 *
 * @author zmq-keepalive
 */
final class ZmqListenerCheck {

	private static final String JSON_MAPPER = "tools.jackson.databind.json.JsonMapper";

	private ZmqListenerCheck() {
	}

	/**
	 * Check the listener methods of every bean definition's class.
	 * @param beanFactory the bean factory, before any bean is created
	 * @param environment where the sockets are declared
	 * @throws InvalidZmqListenerException naming every listener that is wrong
	 */
	static void check(ConfigurableListableBeanFactory beanFactory, Environment environment) {
		ZmqKeepaliveProperties properties = declared(environment);
		Map<String, @Nullable ZmqSocketType> sockets = new LinkedHashMap<>();
		properties.getSockets().forEach((name, socket) -> sockets.put(name, socket.getType()));
		// With Jackson every type has a converter (JSON); without it and without converter
		// beans, only String and byte[] payloads can be read.
		ZmqPayloadConverters converters = (ClassUtils.isPresent(JSON_MAPPER, beanFactory.getBeanClassLoader())
				|| beanFactory.getBeanNamesForType(ZmqPayloadConverter.class, true, false).length > 0) ? null
						: ZmqPayloadConverters.textAndBinary();
		List<InvalidZmqListenerException.Problem> problems = new ArrayList<>();
		for (String beanName : beanFactory.getBeanDefinitionNames()) {
			Class<?> type = typeOf(beanFactory, beanName);
			if (type == null) {
				continue;
			}
			for (Map.Entry<Method, String> listener : listenerMethods(type).entrySet()) {
				InvalidZmqListenerException.Problem problem = problem(listener.getKey(), listener.getValue(), sockets);
				if (problem == null && converters != null) {
					problem = ZmqListenerMethods.payloadProblem(listener.getKey(), listener.getValue(), converters);
				}
				if (problem == null) {
					problem = topicProblem(listener.getKey(), listener.getValue(), properties);
				}
				if (problem != null && !problems.contains(problem)) {
					problems.add(problem);
				}
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidZmqListenerException(problems);
		}
	}

	private static InvalidZmqListenerException.@Nullable Problem problem(Method method, String socket,
			Map<String, @Nullable ZmqSocketType> sockets) {
		InvalidZmqListenerException.Problem problem = ZmqListenerMethods.problem(method, socket);
		if (problem != null) {
			return problem;
		}
		if (sockets.containsKey(socket) && sockets.get(socket) == null) {
			// A socket without a type: the property check reports that, with the types.
			return null;
		}
		return socketProblem(ZmqListenerMethods.describe(method), socket, sockets.get(socket), sockets.keySet());
	}

	/**
	 * What is wrong with listening on a socket, if anything, with the property to change.
	 * @param listener the listener method, as {@link ZmqListenerMethods#describe} gives it
	 * @param socket the socket it names
	 * @param type the socket's type, or {@code null} if no such socket is declared
	 * @param declared every declared socket
	 * @return the problem, or {@code null} if there is none
	 * @see ZmqListenerAnnotationBeanPostProcessor.SocketCheck
	 */
	static InvalidZmqListenerException.@Nullable Problem socketProblem(String listener, String socket,
			@Nullable ZmqSocketType type, Collection<String> declared) {
		if (type == null) {
			return new InvalidZmqListenerException.Problem(listener, socket,
					"@ZmqListener method " + listener + " listens on socket '" + socket + "', which is not declared",
					"Declare zmq.keepalive.sockets." + socket + " (its type and bind or connect endpoints), or listen "
							+ "on a declared socket: "
							+ (declared.isEmpty() ? "none is declared" : String.join(", ", declared)) + ".");
		}
		if (!type.canReceive()) {
			return new InvalidZmqListenerException.Problem(listener, socket,
					"@ZmqListener method " + listener + " listens on socket '" + socket + "', a " + type.id()
							+ " socket, which receives nothing",
					"Listen on a socket of type sub, xpub, xsub or pull, or change zmq.keepalive.sockets." + socket
							+ ".type.");
		}
		return null;
	}

	private static ZmqKeepaliveProperties declared(Environment environment) {
		// Errors are left for the real binding to report, with Spring Boot's own message.
		return Binder.get(environment)
			.bind("zmq.keepalive", Bindable.of(ZmqKeepaliveProperties.class), new IgnoreErrorsBindHandler())
			.orElseGet(ZmqKeepaliveProperties::new);
	}

	/**
	 * A listener on a sub socket that takes topics the socket does not subscribe to
	 * would never be called for them: a mistake, not a filter.
	 */
	private static InvalidZmqListenerException.@Nullable Problem topicProblem(Method method, String socket,
			ZmqKeepaliveProperties properties) {
		ZmqKeepaliveProperties.Socket declared = properties.getSockets().get(socket);
		ZmqListener listener = AnnotatedElementUtils.findMergedAnnotation(method, ZmqListener.class);
		if (declared == null || declared.getType() != ZmqSocketType.SUB || declared.getTopics().isEmpty()
				|| listener == null) {
			return null;
		}
		List<String> unreachable = new ArrayList<>();
		for (String topic : listener.topics()) {
			if (declared.getTopics().stream().noneMatch((s) -> topic.startsWith(s) || s.startsWith(topic))) {
				unreachable.add(topic);
			}
		}
		if (unreachable.isEmpty()) {
			return null;
		}
		String name = ZmqListenerMethods.describe(method);
		return new InvalidZmqListenerException.Problem(name, socket,
				"@ZmqListener method " + name + " takes topics " + unreachable + " that socket '" + socket
						+ "' does not subscribe to (its topics: " + String.join(", ", declared.getTopics())
						+ "), so it would never receive them",
				"Add them to zmq.keepalive.sockets." + socket + ".topics, or change @ZmqListener(topics) on " + name
						+ ".");
	}

	private static Map<Method, String> listenerMethods(Class<?> type) {
		try {
			return ZmqListenerMethods.find(type);
		}
		catch (LinkageError ex) {
			// A class whose methods refer to types that are not on the class path: if it
			// becomes a bean at all, it is checked when it is created.
			return Map.of();
		}
	}

	private static @Nullable Class<?> typeOf(ConfigurableListableBeanFactory beanFactory, String beanName) {
		try {
			return beanFactory.getType(beanName, false);
		}
		catch (BeansException | LinkageError ex) {
			// Not resolvable without creating it: checked when it is created.
			return null;
		}
	}

}
