package dev.zmqkeepalive.socket;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.zmqkeepalive.autoconfigure.InvalidZmqPropertyException;
import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;
import dev.zmqkeepalive.health.ZmqSocketHealthIndicator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connect host that does not resolve (a DNS outage) does not stop the application:
 * the socket starts without it and is reported DOWN, naming the host. Uses a name under
 * {@code .invalid}, which never resolves (RFC 6761). That it connects once the host
 * resolves is {@link HostResolvedLaterTests}.
 */
class UnresolvedHostTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class));

	@Test
	void whenAConnectHostDoesNotResolveThenTheApplicationStartsAndTheSocketIsDownNamingTheHost() {
		this.runner
			.withPropertyValues("zmq.keepalive.sockets.in.type=sub",
					"zmq.keepalive.sockets.in.connect=tcp://zmq-publisher.invalid:5556")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ManagedSocket in = context.getBean(ManagedSocketRegistry.class).get("in");
				assertThat(in.state().unresolvedConnects()).containsOnlyKeys("tcp://zmq-publisher.invalid:5556");
				Health health = new ZmqSocketHealthIndicator(in).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails().get("reason")).isEqualTo("host 'zmq-publisher.invalid' (connect "
						+ "tcp://zmq-publisher.invalid:5556) does not resolve; looking it up again with the reconnect "
						+ "back-off (up to 30s)");
				assertThat(health.getDetails().get("unresolvedConnects"))
					.isEqualTo(List.of("tcp://zmq-publisher.invalid:5556"));
			});
	}

	@Test
	void whenAConnectEndpointIsMalformedThenStartupStillFails() {
		this.runner
			.withPropertyValues("zmq.keepalive.sockets.in.type=sub",
					"zmq.keepalive.sockets.in.connect=tcp://zmq-publisher.invalid")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidZmqPropertyException.class)
				.hasMessageContaining("zmq.keepalive.sockets.in.connect[0]"));
	}

}
