package dev.zmqkeepalive.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;
import dev.zmqkeepalive.health.ZmqSocketHealthIndicator;
import dev.zmqkeepalive.messaging.SocketMessagingRegistry;
import dev.zmqkeepalive.socket.ManagedSocket;
import dev.zmqkeepalive.socket.ManagedSocketRegistry;

/**
 * {@link AutoConfiguration Auto-configuration} for {@code /actuator/health/zmq}: one
 * component per managed socket ({@code /actuator/health/zmq/<name>}). Switch off with
 * {@code management.health.zmq.enabled=false}.
 *
 * @author zmq-keepalive
 */
@AutoConfiguration(after = ZmqKeepaliveAutoConfiguration.class)
@ConditionalOnClass(CompositeHealthContributor.class)
@ConditionalOnBean(ManagedSocketRegistry.class)
@ConditionalOnEnabledHealthIndicator("zmq")
public final class ZmqHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "zmqHealthContributor")
	CompositeHealthContributor zmqHealthContributor(ManagedSocketRegistry sockets,
			ObjectProvider<SocketMessagingRegistry> messaging) {
		SocketMessagingRegistry registry = messaging.getIfAvailable();
		Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
		for (ManagedSocket socket : sockets.all()) {
			indicators.put(socket.name(),
					new ZmqSocketHealthIndicator(socket, (registry != null) ? registry.find(socket.name()) : null));
		}
		return CompositeHealthContributor.fromMap(indicators);
	}

}
