package dev.zmqkeepalive.listener;

import java.lang.reflect.Method;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;

import dev.zmqkeepalive.convert.ZmqPayloadConverters;
import dev.zmqkeepalive.messaging.SocketMessaging;
import dev.zmqkeepalive.messaging.SocketMessagingRegistry;
import dev.zmqkeepalive.socket.ManagedSocket;
import dev.zmqkeepalive.socket.ManagedSocketRegistry;
import dev.zmqkeepalive.socket.ZmqMessageListener;
import dev.zmqkeepalive.socket.ZmqSocketType;

/**
 * Finds {@link ZmqListener @ZmqListener} methods on beans and, once every singleton
 * exists, attaches them to their sockets (before the sockets start, so no message is
 * missed). A listener on an unknown socket, on a socket that cannot receive, or with a
 * signature the starter cannot call fails startup with an
 * {@link InvalidZmqListenerException}. The auto-configuration checks the same before any
 * socket is opened, for every bean whose class its definition gives away; the checks
 * here catch the rest (such as a {@code @Bean} method declared to return
 * {@code Object}).
 *
 * @author zmq-keepalive
 */
public class ZmqListenerAnnotationBeanPostProcessor
		implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton {

	private final List<Registration> registrations = new ArrayList<>();

	private final SocketCheck socketCheck;

	private @Nullable BeanFactory beanFactory;

	private @Nullable ZmqPayloadConverters converters;

	/**
	 * Create a post-processor.
	 * @param socketCheck says what is wrong with listening on a socket; the
	 * auto-configuration's names the properties to change
	 */
	public ZmqListenerAnnotationBeanPostProcessor(SocketCheck socketCheck) {
		this.socketCheck = socketCheck;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		ZmqListenerMethods.find(AopUtils.getTargetClass(bean)).forEach((method, socket) -> {
			Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
			ZmqListener annotation = AnnotatedElementUtils.findMergedAnnotation(method, ZmqListener.class);
			String[] topics = (annotation != null) ? annotation.topics() : new String[0];
			this.registrations.add(new Registration(socket, ZmqListenerMethods.describe(method),
					ListenerMethodAdapter.of(bean, invocable, socket, converters()), topics));
		});
		return bean;
	}

	private ZmqPayloadConverters converters() {
		ZmqPayloadConverters converters = this.converters;
		if (converters == null) {
			BeanFactory beanFactory = this.beanFactory;
			converters = (beanFactory != null) ? beanFactory.getBeanProvider(ZmqPayloadConverters.class)
				.getIfAvailable(ZmqPayloadConverters::textAndBinary) : ZmqPayloadConverters.textAndBinary();
			this.converters = converters;
		}
		return converters;
	}

	@Override
	public void afterSingletonsInstantiated() {
		BeanFactory beanFactory = this.beanFactory;
		if (beanFactory == null) {
			throw new IllegalStateException("No BeanFactory");
		}
		ManagedSocketRegistry sockets = beanFactory.getBean(ManagedSocketRegistry.class);
		SocketMessagingRegistry messaging = beanFactory.getBeanProvider(SocketMessagingRegistry.class).getIfAvailable();
		ListenerObservation observation = beanFactory.getBeanProvider(ListenerObservation.class).getIfAvailable();
		List<InvalidZmqListenerException.Problem> problems = new ArrayList<>();
		for (Registration registration : this.registrations) {
			ManagedSocket socket = sockets.find(registration.socket());
			List<String> declared = sockets.all().stream().map(ManagedSocket::name).toList();
			InvalidZmqListenerException.Problem problem = (socket != null)
					? this.socketCheck.problem(registration.method(), registration.socket(), socket.settings().type(),
							declared)
					: this.socketCheck.problem(registration.method(), registration.socket(), null, declared);
			if (problem != null) {
				problems.add(problem);
			}
			else if (socket != null) {
				SocketMessaging socketMessaging = (messaging != null) ? messaging.find(socket.name()) : null;
				if (socketMessaging == null) {
					// Without the auto-configuration's registry: no envelope, counts kept here.
					socketMessaging = new SocketMessaging(socket.name(), socket.settings().type().id(), false,
							socket.settings().type().canReceive(), Clock.systemUTC(), (event) -> {
							});
				}
				socket.addListener(new ListenerInvoker(registration.listener(), socketMessaging, observation,
						registration.topics()));
			}
		}
		this.registrations.clear();
		if (!problems.isEmpty()) {
			throw new InvalidZmqListenerException(problems);
		}
	}

	/**
	 * What is wrong with listening on a socket, if anything. The configuration knows how a
	 * socket is declared, so it words the advice.
	 */
	@FunctionalInterface
	public interface SocketCheck {

		/**
		 * Check one listener against the sockets.
		 * @param listener the listener method, as {@link ZmqListenerMethods#describe}
		 * gives it
		 * @param socket the socket it names
		 * @param type the socket's type, or {@code null} if no such socket is declared
		 * @param declared every declared socket
		 * @return the problem, or {@code null} if there is none
		 */
		InvalidZmqListenerException.@Nullable Problem problem(String listener, String socket,
				@Nullable ZmqSocketType type, Collection<String> declared);

	}

	private record Registration(String socket, String method, ListenerMethodAdapter listener, String[] topics) {
	}

}
