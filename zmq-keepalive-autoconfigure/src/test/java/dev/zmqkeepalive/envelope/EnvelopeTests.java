package dev.zmqkeepalive.envelope;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import dev.zmqkeepalive.TestPorts;
import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;
import dev.zmqkeepalive.core.ZmqTemplate;
import dev.zmqkeepalive.listener.ZmqListener;
import dev.zmqkeepalive.socket.ZmqMessage;
import dev.zmqkeepalive.messaging.SocketMessaging;
import dev.zmqkeepalive.messaging.SocketMessagingRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starter to starter over TCP with the envelope: listeners see topic and payload as
 * without it, numbering stays gapless whatever the sending threads, and messages without
 * a valid envelope are delivered and counted as unframed.
 */
class EnvelopeTests {

	private static final Duration DEADLINE = Duration.ofSeconds(20);

	private final int port = TestPorts.free();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(JacksonAutoConfiguration.class, ZmqKeepaliveAutoConfiguration.class))
		.withUserConfiguration(Receiver.class)
		.withPropertyValues("zmq.keepalive.sockets.in.type=pull",
				"zmq.keepalive.sockets.in.bind=tcp://127.0.0.1:" + this.port, "zmq.keepalive.sockets.in.envelope=true",
				"zmq.keepalive.sockets.out.type=push", "zmq.keepalive.sockets.out.connect=tcp://127.0.0.1:" + this.port,
				"zmq.keepalive.sockets.out.envelope=true", "zmq.keepalive.sockets.plain.type=push",
				"zmq.keepalive.sockets.plain.connect=tcp://127.0.0.1:" + this.port);

	record Numbered(int thread, int n) {
	}

	@Test
	void whenFourThreadsSendAtOnceThenTheReceiverSeesOneGaplessSequenceAndLosesNothing() {
		this.runner.run((context) -> {
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			ExecutorService threads = Executors.newFixedThreadPool(4);
			try {
				List<Future<?>> sending = new ArrayList<>();
				for (int t = 0; t < 4; t++) {
					int thread = t;
					sending.add(threads.submit(() -> {
						for (int n = 0; n < 2500; n++) {
							template.convertAndSend("out", "n", new Numbered(thread, n));
						}
					}));
				}
				for (Future<?> future : sending) {
					future.get();
				}
			}
			finally {
				threads.shutdownNow();
			}
			Receiver receiver = context.getBean(Receiver.class);
			await().atMost(DEADLINE).until(() -> receiver.messages.size() == 10_000);
			SocketMessaging in = context.getBean(SocketMessagingRegistry.class).find("in");
			assertThat(in.lost()).isZero();
			assertThat(in.loss().duplicates()).isZero();
			assertThat(in.unframed()).isZero();
			assertThat(in.loss().publishers()).singleElement().satisfies((publisher) -> {
				assertThat(publisher.publisherId())
					.isEqualTo(context.getBean(SocketMessagingRegistry.class).find("out").instanceId());
				assertThat(publisher.firstSequence()).isEqualTo(1);
				assertThat(publisher.lastSequence()).isEqualTo(10_000);
			});
			assertThat(receiver.messages).allSatisfy((message) -> {
				assertThat(message.frames()).hasSize(2);
				assertThat(message.topicAsString()).isEqualTo("n");
				assertThat(message.payloadAsString()).startsWith("{\"thread\":");
			});
		});
	}

	@Test
	void whenAMessageArrivesWithoutAnEnvelopeThenItIsDeliveredAndCountedAsUnframed() {
		this.runner.run((context) -> {
			context.getBean(ZmqTemplate.class).send("plain", "t", "no envelope");
			Receiver receiver = context.getBean(Receiver.class);
			await().atMost(DEADLINE).until(() -> receiver.messages.size() == 1);
			assertThat(receiver.messages.get(0).payloadAsString()).isEqualTo("no envelope");
			SocketMessaging in = context.getBean(SocketMessagingRegistry.class).find("in");
			assertThat(in.unframed()).isEqualTo(1);
			assertThat(in.malformed()).isZero();
			assertThat(in.lost()).isZero();
		});
	}

	@Test
	void whenAnEnvelopeIsMalformedThenTheMessageIsDeliveredWithoutItAndCountedAsUnframed() {
		this.runner.run((context) -> {
			byte[] badVersion = { 'Z', 'K', 'E', 9 };
			context.getBean(ZmqTemplate.class)
				.sendFrames("plain", "t".getBytes(), badVersion, "payload".getBytes());
			Receiver receiver = context.getBean(Receiver.class);
			await().atMost(DEADLINE).until(() -> receiver.messages.size() == 1);
			assertThat(receiver.messages.get(0).frames()).hasSize(2);
			assertThat(receiver.messages.get(0).payloadAsString()).isEqualTo("payload");
			SocketMessaging in = context.getBean(SocketMessagingRegistry.class).find("in");
			assertThat(in.unframed()).isEqualTo(1);
			assertThat(in.malformed()).isEqualTo(1);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Receiver {

		final List<ZmqMessage> messages = new CopyOnWriteArrayList<>();

		@ZmqListener(socket = "in")
		void onMessage(ZmqMessage message) {
			this.messages.add(message);
		}

	}

}
