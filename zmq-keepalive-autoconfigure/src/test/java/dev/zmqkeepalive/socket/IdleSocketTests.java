package dev.zmqkeepalive.socket;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.zmqkeepalive.TestPorts;
import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;

import static org.awaitility.Awaitility.await;

/**
 * A socket that nobody sends on must still let JeroMQ process its commands: new peers'
 * pipes are attached, and every departed peer's session and pipes are released, without
 * waiting for the next send.
 */
class IdleSocketTests {

	private static final int PEERS = 50;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class));

	@Test
	void idlePublisherReleasesTheSessionsOfPeersThatLeft() {
		int port = TestPorts.free();
		this.runner
			.withPropertyValues("zmq.keepalive.sockets.out.type=pub",
					"zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:" + port)
			.run((context) -> {
				ManagedSocket publisher = context.getBean(ManagedSocketRegistry.class).get("out");
				try (ZContext peers = new ZContext(1)) {
					List<ZMQ.Socket> subscribers = new ArrayList<>();
					for (int i = 0; i < PEERS; i++) {
						ZMQ.Socket subscriber = peers.createSocket(SocketType.SUB);
						subscriber.setLinger(0);
						subscriber.subscribe(new byte[0]);
						subscriber.connect("tcp://127.0.0.1:" + port);
						subscribers.add(subscriber);
					}
					await("peers attached to the idle publisher").atMost(Duration.ofSeconds(20))
						.until(() -> pipesHeldBy(publisher) == PEERS);
					subscribers.forEach(peers::destroySocket);
					await("pipes of departed peers released while the publisher is idle")
						.atMost(Duration.ofSeconds(10))
						.until(() -> pipesHeldBy(publisher) == 0);
				}
			});
	}

	/**
	 * The peer pipes the JeroMQ socket holds, read on its owning thread without touching
	 * the socket (reading a field processes no command). JeroMQ attaches and releases a
	 * peer's pipe only when the socket processes its commands.
	 */
	private static int pipesHeldBy(ManagedSocket socket) {
		return socket.execute((jeromq) -> ((Collection<?>) field(jeromq.base(), "pipes")).size()).join();
	}

	private static Object field(Object target, String name) {
		for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
			try {
				Field field = type.getDeclaredField(name);
				field.setAccessible(true);
				return field.get(target);
			}
			catch (NoSuchFieldException ex) {
				// Declared higher up.
			}
			catch (IllegalAccessException ex) {
				throw new IllegalStateException(ex);
			}
		}
		throw new IllegalStateException("JeroMQ has no field '" + name + "' in " + target.getClass());
	}

}
