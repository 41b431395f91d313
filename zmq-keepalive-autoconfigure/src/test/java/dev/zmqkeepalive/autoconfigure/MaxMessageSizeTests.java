package dev.zmqkeepalive.autoconfigure;

import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.zmqkeepalive.RawZmtp;
import dev.zmqkeepalive.TestPorts;
import dev.zmqkeepalive.event.RecordedEvents;
import dev.zmqkeepalive.event.ZmqSocketEventKind;
import dev.zmqkeepalive.listener.ZmqListener;
import dev.zmqkeepalive.socket.ManagedSocketRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The largest frame a peer may send: small by default where peers only subscribe (pub,
 * push), room for real messages where they send them, and whatever the application sets.
 */
class MaxMessageSizeTests {

	private static final Duration DEADLINE = Duration.ofSeconds(15);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class));

	@Test
	void socketsWhosePeersOnlySubscribeAllowSixtyFourKilobytesAndTheOthersOneMegabyte() {
		this.runner.withPropertyValues(everyType()).run((context) -> {
			ManagedSocketRegistry sockets = context.getBean(ManagedSocketRegistry.class);
			assertThat(sockets.get("pub").settings().maxMessageSize()).isEqualTo(64 * 1024);
			assertThat(sockets.get("push").settings().maxMessageSize()).isEqualTo(64 * 1024);
			for (String receiving : new String[] { "sub", "xpub", "xsub", "pull" }) {
				assertThat(sockets.get(receiving).settings().maxMessageSize()).as(receiving).isEqualTo(1024 * 1024);
			}
		});
	}

	@Test
	void aValueForAllSocketsAppliesToEveryTypeAndASocketsOwnValueWins() {
		this.runner
			.withPropertyValues(with(everyType(), "zmq.keepalive.max-message-size=256KB",
					"zmq.keepalive.sockets.pub.max-message-size=2MB"))
			.run((context) -> {
				ManagedSocketRegistry sockets = context.getBean(ManagedSocketRegistry.class);
				assertThat(sockets.get("pub").settings().maxMessageSize()).isEqualTo(2 * 1024 * 1024);
				for (String other : new String[] { "push", "sub", "xpub", "xsub", "pull" }) {
					assertThat(sockets.get(other).settings().maxMessageSize()).as(other).isEqualTo(256 * 1024);
				}
			});
	}

	@Test
	void whenTheMaximumMessageSizeIsZeroThenStartupFails() {
		this.runner
			.withPropertyValues("zmq.keepalive.max-message-size=0", "zmq.keepalive.sockets.out.type=pub",
					"zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:*")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidZmqPropertyException.class)
				.hasMessageContaining("zmq.keepalive.max-message-size")
				.hasMessageContaining("at least 1 byte"));
	}

	@Test
	void aPublisherAtItsDefaultDropsAPeerClaimingAHundredKilobyteFrame() {
		int port = TestPorts.free();
		this.runner.withBean(RecordedEvents.class)
			.withPropertyValues("zmq.keepalive.sockets.out.type=pub",
					"zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:" + port)
			.run((context) -> {
				try (Socket peer = new Socket("127.0.0.1", port)) {
					OutputStream out = peer.getOutputStream();
					out.write(RawZmtp.concat(RawZmtp.nullGreeting(false), RawZmtp.ready("SUB")));
					RawZmtp.readGreetingAndReady(peer.getInputStream());
					out.write(RawZmtp.frameHeader(100 * 1024));
					out.flush();
					assertThat(RawZmtp.closedWithin(peer, Duration.ofSeconds(5))).isTrue();
				}
				RecordedEvents events = context.getBean(RecordedEvents.class);
				await().atMost(DEADLINE)
					.untilAsserted(() -> assertThat(events.of("out", ZmqSocketEventKind.PROTOCOL_ERROR)).singleElement()
						.satisfies((event) -> assertThat(event.getReason()).contains("max-message-size")));
			});
	}

	@Test
	void aSubscriberAtItsDefaultReceivesAHalfMegabyteMessage() {
		int port = TestPorts.free();
		byte[] payload = new byte[512 * 1024];
		Arrays.fill(payload, (byte) 7);
		this.runner.withBean(LargeMessages.class)
			.withPropertyValues("zmq.keepalive.sockets.in.type=sub",
					"zmq.keepalive.sockets.in.connect=tcp://127.0.0.1:" + port)
			.run((context) -> {
				try (ZContext plain = new ZContext()) {
					ZMQ.Socket publisher = plain.createSocket(SocketType.PUB);
					publisher.bind("tcp://127.0.0.1:" + port);
					LargeMessages received = context.getBean(LargeMessages.class);
					// PUB drops what it sends before the subscription arrives: send until one lands.
					await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).until(() -> {
						publisher.sendMore("big");
						publisher.send(payload);
						return received.largest > 0;
					});
					assertThat(received.largest).isEqualTo(payload.length);
				}
			});
	}

	private static String[] everyType() {
		return new String[] { "zmq.keepalive.sockets.pub.type=pub", "zmq.keepalive.sockets.pub.bind=tcp://127.0.0.1:*",
				"zmq.keepalive.sockets.push.type=push", "zmq.keepalive.sockets.push.bind=tcp://127.0.0.1:*",
				"zmq.keepalive.sockets.sub.type=sub", "zmq.keepalive.sockets.sub.bind=tcp://127.0.0.1:*",
				"zmq.keepalive.sockets.xpub.type=xpub", "zmq.keepalive.sockets.xpub.bind=tcp://127.0.0.1:*",
				"zmq.keepalive.sockets.xsub.type=xsub", "zmq.keepalive.sockets.xsub.bind=tcp://127.0.0.1:*",
				"zmq.keepalive.sockets.pull.type=pull", "zmq.keepalive.sockets.pull.bind=tcp://127.0.0.1:*" };
	}

	private static String[] with(String[] properties, String... more) {
		String[] all = Arrays.copyOf(properties, properties.length + more.length);
		System.arraycopy(more, 0, all, properties.length, more.length);
		return all;
	}

	static class LargeMessages {

		volatile int largest;

		@ZmqListener(socket = "in")
		void onMessage(byte[] payload) {
			this.largest = Math.max(this.largest, payload.length);
		}

	}

}
