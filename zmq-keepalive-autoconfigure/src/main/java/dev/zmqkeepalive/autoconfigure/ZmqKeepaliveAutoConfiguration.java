package dev.zmqkeepalive.autoconfigure;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadFactory;

import io.micrometer.observation.ObservationRegistry;
import org.zeromq.ZContext;
import tools.jackson.databind.json.JsonMapper;

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
import org.springframework.context.annotation.Configuration;

import dev.zmqkeepalive.convert.JacksonJsonPayloadConverter;
import dev.zmqkeepalive.convert.ZmqPayloadConverter;
import dev.zmqkeepalive.convert.ZmqPayloadConverters;
import dev.zmqkeepalive.core.ZmqTemplate;
import dev.zmqkeepalive.event.ZmqSocketEventDispatcher;
import dev.zmqkeepalive.listener.ListenerObservation;
import dev.zmqkeepalive.listener.ZmqListenerAnnotationBeanPostProcessor;
import dev.zmqkeepalive.messaging.SocketMessaging;
import dev.zmqkeepalive.messaging.SocketMessagingRegistry;
import dev.zmqkeepalive.observation.DefaultZmqListenerObservationConvention;
import dev.zmqkeepalive.observation.DefaultZmqTemplateObservationConvention;
import dev.zmqkeepalive.observation.ZmqListenerObservationConvention;
import dev.zmqkeepalive.observation.ZmqTemplateObservationConvention;
import dev.zmqkeepalive.socket.IoHandlerExceptionLog;
import dev.zmqkeepalive.socket.IoThreadWatch;
import dev.zmqkeepalive.socket.ManagedSocketRegistry;
import dev.zmqkeepalive.socket.ZmqSocketCustomizer;

/**
 * {@link AutoConfiguration Auto-configuration} for keepalive-tuned, monitored JeroMQ
 * sockets declared under {@code zmq.keepalive.sockets}.
 *
 * @author zmq-keepalive
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
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

	/**
	 * Closed by {@link #zmqIoThreadWatch}, within a bound. What its I/O threads catch from
	 * a connection's handler goes to the application's log, not to standard error.
	 */
	@Bean(destroyMethod = "")
	@ConditionalOnMissingBean
	ZContext zmqContext(ZmqKeepaliveProperties properties) {
		ZContext context = new ZContext(properties.getIoThreads());
		context.setNotificationExceptionHandler(new IoHandlerExceptionLog());
		return context;
	}

	@Bean
	@ConditionalOnMissingBean
	ZmqIoThreadWatch zmqIoThreadWatch(ZContext context) {
		return new ZmqIoThreadWatch(context, IoThreadWatch.install(context));
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
			@Qualifier(THREAD_FACTORY_BEAN_NAME) ThreadFactory threads, ZmqIoThreadWatch ioThreads) {
		// Validate everything before opening anything (keys and listeners were checked
		// before any bean was created, by ZmqStartupChecks).
		var settings = SocketSettingsFactory.create(properties);
		// Here rather than with the context, which an application may supply itself.
		JeromqBuildCheck.warnIfUnreliable(ZContext.class.getClassLoader());
		List<ZmqSocketCustomizer> ordered = customizers.orderedStream().toList();
		return new ManagedSocketRegistry(context, settings, ordered, events, Clock.systemUTC(), threads,
				ioThreads.watch());
	}

	@Bean
	@ConditionalOnMissingBean
	SocketMessagingRegistry zmqSocketMessaging(ZmqKeepaliveProperties properties, ManagedSocketRegistry sockets,
			ApplicationEventPublisher publisher) {
		List<SocketMessaging> messaging = sockets.all().stream().map((socket) -> {
			ZmqKeepaliveProperties.Socket declared = properties.getSockets().get(socket.name());
			return new SocketMessaging(socket.name(), socket.settings().type().id(),
					declared != null && declared.isEnvelope(), socket.settings().type().canReceive(),
					Clock.systemUTC(), publisher::publishEvent);
		}).toList();
		return new SocketMessagingRegistry(messaging);
	}

	@Bean
	@ConditionalOnMissingBean
	ZmqPayloadConverters zmqPayloadConverters(ObjectProvider<ZmqPayloadConverter> converters) {
		return new ZmqPayloadConverters(converters.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	ZmqTemplate zmqTemplate(ZmqKeepaliveProperties properties, ManagedSocketRegistry sockets,
			ZmqPayloadConverters converters, SocketMessagingRegistry messaging,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ZmqTemplateObservationConvention> observationConvention) {
		ZmqTemplate template = new ZmqTemplate(sockets, converters, messaging);
		template.setObservationEnabled(properties.getTemplate().isObservationEnabled());
		template.setObservationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
		template.setObservationConvention(observationConvention.getIfUnique());
		template.setDefaultObservationConvention(
				new DefaultZmqTemplateObservationConvention(properties.getObservation().isTopicTag()));
		return template;
	}

	@Bean
	@ConditionalOnBooleanProperty("zmq.keepalive.listener.observation-enabled")
	@ConditionalOnMissingBean
	ListenerObservation zmqListenerObservation(ZmqKeepaliveProperties properties,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ZmqListenerObservationConvention> observationConvention) {
		return new ListenerObservation(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP),
				observationConvention.getIfUnique(),
				new DefaultZmqListenerObservationConvention(properties.getObservation().isTopicTag()));
	}

	/**
	 * JSON payloads through the application's Jackson 3 {@code JsonMapper} (Spring Boot
	 * auto-configures one), after the application's own converters.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JsonMapper.class)
	static class JsonPayloadConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ZmqPayloadConverters zmqPayloadConverters(ObjectProvider<ZmqPayloadConverter> converters,
				ObjectProvider<JsonMapper> jsonMapper) {
			List<ZmqPayloadConverter> all = new java.util.ArrayList<>(converters.orderedStream().toList());
			all.add(new JacksonJsonPayloadConverter(jsonMapper.getIfUnique(() -> JsonMapper.builder().build())));
			return new ZmqPayloadConverters(all);
		}

	}

	@Bean
	static ZmqStartupChecks zmqStartupChecks() {
		return new ZmqStartupChecks();
	}

	@Bean
	static ZmqListenerAnnotationBeanPostProcessor zmqListenerAnnotationBeanPostProcessor() {
		return new ZmqListenerAnnotationBeanPostProcessor(ZmqListenerCheck::socketProblem);
	}

}
