package dev.zmqkeepalive.autoconfigure.metrics;

import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;
import dev.zmqkeepalive.messaging.SocketMessagingRegistry;
import dev.zmqkeepalive.metrics.ZmqMessagingMetrics;
import dev.zmqkeepalive.metrics.ZmqSocketMetrics;
import dev.zmqkeepalive.socket.ManagedSocketRegistry;

/**
 * {@link AutoConfiguration Auto-configuration} for the {@code zmq.socket.*} Micrometer
 * meters.
 *
 * @author zmq-keepalive
 */
@AutoConfiguration(after = ZmqKeepaliveAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(ManagedSocketRegistry.class)
public final class ZmqMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ZmqSocketMetrics zmqSocketMetrics(ManagedSocketRegistry sockets) {
		return new ZmqSocketMetrics(sockets);
	}

	@Bean
	@ConditionalOnBean(SocketMessagingRegistry.class)
	@ConditionalOnMissingBean
	ZmqMessagingMetrics zmqMessagingMetrics(SocketMessagingRegistry messaging) {
		return new ZmqMessagingMetrics(messaging);
	}

}
