package dev.zmqkeepalive.actuate;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;
import dev.zmqkeepalive.actuate.ZmqEndpoint.SocketDescriptor;
import dev.zmqkeepalive.autoconfigure.actuate.ZmqEndpointAutoConfiguration;
import dev.zmqkeepalive.core.ZmqTemplate;
import dev.zmqkeepalive.socket.KernelKeepalive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /actuator/zmq} shows each socket's connections with the keepalive values read
 * from the kernel.
 */
class ZmqEndpointTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class, ZmqEndpointAutoConfiguration.class))
		.withPropertyValues(
				"management.endpoints.web.exposure.include=zmq");

	@Test
	void listsEverySocketWithKernelKeepaliveOfEachConnection() {
		this.runner
			.withPropertyValues("zmq.keepalive.sockets.out.type=pub", "zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:*",
					"zmq.keepalive.tcp.idle=33", "zmq.keepalive.tcp.interval=4", "zmq.keepalive.tcp.count=6")
			.run((publisher) -> {
				ZmqEndpoint publisherEndpoint = publisher.getBean(ZmqEndpoint.class);
				String bound = publisherEndpoint.sockets().sockets().get("out").bound().get(0);
				this.runner.withPropertyValues("zmq.keepalive.sockets.in.type=sub", "zmq.keepalive.sockets.in.connect=" + bound)
					.run((subscriber) -> {
						ZmqEndpoint endpoint = subscriber.getBean(ZmqEndpoint.class);
						await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.socket("in").peers() == 1);
						SocketDescriptor in = endpoint.socket("in");
						assertThat(in.type()).isEqualTo("sub");
						assertThat(in.connect()).containsExactly(bound);
						assertThat(in.connections()).singleElement().satisfies((connection) -> {
							assertThat(connection.remoteAddress()).isEqualTo(bound.substring("tcp://".length()));
							assertThat(connection.handshakeAt()).isNotNull();
							assertThat(connection.keepalive()).isEqualTo(new KernelKeepalive(true, 60, 10, 3));
						});
						await().atMost(Duration.ofSeconds(10)).until(() -> publisherEndpoint.socket("out").peers() == 1);
						assertThat(publisherEndpoint.socket("out").connections().get(0).keepalive())
							.isEqualTo(new KernelKeepalive(true, 33, 4, 6));
						assertThat(endpoint.socket("missing")).isNull();
					});
			});
	}

	@Test
	void whenASocketBindsIpcThenTheEndpointShowsTheLoopbackTcpAddressJeromqListensOn() {
		String ipc = "ipc:///no/such/directory/zmq-endpoint-tests-" + System.nanoTime() + ".sock";
		this.runner.withPropertyValues("zmq.keepalive.sockets.out.type=pub", "zmq.keepalive.sockets.out.bind=" + ipc)
			.run((context) -> {
				SocketDescriptor out = context.getBean(ZmqEndpoint.class).socket("out");
				assertThat(out.bound()).containsExactly(ipc);
				String tcp = out.ipcTcpAddresses().get(ipc);
				assertThat(tcp).startsWith("tcp://127.0.0.1:");
				// It is real: a plain TCP subscriber on that address receives what is published.
				try (ZContext plain = new ZContext(); ZMQ.Socket subscriber = plain.createSocket(SocketType.SUB)) {
					subscriber.subscribe(new byte[0]);
					subscriber.setReceiveTimeOut(200);
					subscriber.connect(tcp);
					ZmqTemplate template = context.getBean(ZmqTemplate.class);
					await().atMost(Duration.ofSeconds(10)).until(() -> {
						template.send("out", "t", "over tcp");
						return subscriber.recvStr() != null;
					});
				}
			});
	}

	@Test
	void whenASocketBindsOnlyTcpThenThereAreNoIpcAddresses() {
		this.runner.withPropertyValues("zmq.keepalive.sockets.out.type=pub", "zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:*")
			.run((context) -> assertThat(context.getBean(ZmqEndpoint.class).socket("out").ipcTcpAddresses()).isEmpty());
	}

	@Test
	void endpointIsNotCreatedWhenNotExposed() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class, ZmqEndpointAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ZmqEndpoint.class));
	}

}
