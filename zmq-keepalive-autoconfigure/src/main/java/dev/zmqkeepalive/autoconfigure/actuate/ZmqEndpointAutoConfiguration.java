package dev.zmqkeepalive.autoconfigure.actuate;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;
import dev.zmqkeepalive.actuate.ZmqEndpoint;
import dev.zmqkeepalive.messaging.SocketMessagingRegistry;
import dev.zmqkeepalive.socket.ManagedSocketRegistry;

/**
 * {@link AutoConfiguration Auto-configuration} for the {@code zmq} actuator endpoint.
 * Like other endpoints it must be exposed ({@code management.endpoints.web.exposure.include}).
 *
 * @author zmq-keepalive
 */
@AutoConfiguration(after = ZmqKeepaliveAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(ManagedSocketRegistry.class)
@ConditionalOnAvailableEndpoint(ZmqEndpoint.class)
public final class ZmqEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ZmqEndpoint zmqEndpoint(ManagedSocketRegistry sockets, ObjectProvider<SocketMessagingRegistry> messaging) {
		return new ZmqEndpoint(sockets, messaging.getIfAvailable());
	}

}
