package dev.zmqkeepalive.listener;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.StringUtils;

import dev.zmqkeepalive.socket.ManagedSocket;
import dev.zmqkeepalive.socket.ManagedSocketRegistry;
import dev.zmqkeepalive.socket.ZmqMessageListener;

/**
 * Finds {@link ZmqListener @ZmqListener} methods on beans and, once every singleton
 * exists, attaches them to their sockets (before the sockets start, so no message is
 * missed). A listener on an unknown socket, on a socket that cannot receive, or with a
 * signature the starter cannot call fails startup with a message saying what is wrong.
 *
 * @author zmq-keepalive
 */
public class ZmqListenerAnnotationBeanPostProcessor
		implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton {

	private final List<Registration> registrations = new ArrayList<>();

	private @Nullable BeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		Map<Method, ZmqListener> annotated = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<ZmqListener>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, ZmqListener.class));
		annotated.forEach((method, listener) -> {
			if (!StringUtils.hasText(listener.socket())) {
				throw new IllegalStateException("@ZmqListener on " + method.toGenericString()
						+ " names no socket; set @ZmqListener(socket = \"<socket name>\")");
			}
			Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
			this.registrations.add(new Registration(listener.socket(), ListenerMethodAdapter.of(bean, invocable)));
		});
		return bean;
	}

	@Override
	public void afterSingletonsInstantiated() {
		BeanFactory beanFactory = this.beanFactory;
		if (beanFactory == null) {
			throw new IllegalStateException("No BeanFactory");
		}
		ManagedSocketRegistry sockets = beanFactory.getBean(ManagedSocketRegistry.class);
		for (Registration registration : this.registrations) {
			ManagedSocket socket;
			try {
				socket = sockets.get(registration.socket());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException("@ZmqListener " + registration.listener() + " cannot listen: "
						+ ex.getMessage(), ex);
			}
			socket.addListener(registration.listener());
		}
		this.registrations.clear();
	}

	private record Registration(String socket, ZmqMessageListener listener) {
	}

}
