package dev.zmqkeepalive.autoconfigure;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadFactory;

import org.zeromq.ZContext;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

import dev.zmqkeepalive.core.ZmqTemplate;
import dev.zmqkeepalive.event.ZmqSocketEventDispatcher;
import dev.zmqkeepalive.listener.ZmqListenerAnnotationBeanPostProcessor;
import dev.zmqkeepalive.socket.ManagedSocketRegistry;
import dev.zmqkeepalive.socket.ZmqSocketCustomizer;

/**
 * {@link AutoConfiguration Auto-configuration} for keepalive-tuned, monitored JeroMQ
 * sockets declared under {@code zmq.keepalive.sockets}.
 *
 * @author zmq-keepalive
 */
@AutoConfiguration
@ConditionalOnClass(ZContext.class)
@ConditionalOnBooleanProperty(name = "zmq.keepalive.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ZmqKeepaliveProperties.class)
public final class ZmqKeepaliveAutoConfiguration {

	/**
	 * Name of the {@link ThreadFactory} bean that makes the sockets' owning threads and
	 * the event thread. Define a bean of that name to replace it (thread group, priority,
	 * context propagation); keep its threads non-daemon, or an application whose only
	 * work is its sockets exits right after startup.
	 */
	public static final String THREAD_FACTORY_BEAN_NAME = "zmqKeepaliveThreadFactory";

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	ZContext zmqContext(ZmqKeepaliveProperties properties) {
		JeromqBuildCheck.warnIfUnreliable(ZContext.class.getClassLoader());
		return new ZContext(properties.getIoThreads());
	}

	@Bean(THREAD_FACTORY_BEAN_NAME)
	@ConditionalOnMissingBean(name = THREAD_FACTORY_BEAN_NAME)
	ThreadFactory zmqKeepaliveThreadFactory() {
		return ManagedSocketRegistry.defaultThreadFactory();
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	ZmqSocketEventDispatcher zmqSocketEventDispatcher(ZmqKeepaliveProperties properties,
			ApplicationEventPublisher publisher, @Qualifier(THREAD_FACTORY_BEAN_NAME) ThreadFactory threads) {
		return new ZmqSocketEventDispatcher(properties.getEventQueueCapacity(), publisher::publishEvent, threads);
	}

	@Bean
	SocketEventsOnClose zmqSocketEventsOnClose(ApplicationContext context, ZmqSocketEventDispatcher events) {
		return new SocketEventsOnClose(context, events);
	}

	@Bean
	@ConditionalOnMissingBean
	ManagedSocketRegistry zmqSocketRegistry(ZmqKeepaliveProperties properties, ZContext context,
			ZmqSocketEventDispatcher events, ObjectProvider<ZmqSocketCustomizer> customizers,
			@Qualifier(THREAD_FACTORY_BEAN_NAME) ThreadFactory threads) {
		// Validate everything before opening anything (keys and listeners were checked
		// before any bean was created, by ZmqStartupChecks).
		var settings = SocketSettingsFactory.create(properties);
		List<ZmqSocketCustomizer> ordered = customizers.orderedStream().toList();
		return new ManagedSocketRegistry(context, settings, ordered, events, Clock.systemUTC(), threads);
	}

	@Bean
	@ConditionalOnMissingBean
	ZmqTemplate zmqTemplate(ManagedSocketRegistry sockets) {
		return new ZmqTemplate(sockets);
	}

	@Bean
	static ZmqStartupChecks zmqStartupChecks() {
		return new ZmqStartupChecks();
	}

	@Bean
	static ZmqListenerAnnotationBeanPostProcessor zmqListenerAnnotationBeanPostProcessor() {
		return new ZmqListenerAnnotationBeanPostProcessor();
	}

}
