package dev.zmqkeepalive.listener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;
import dev.zmqkeepalive.core.ZmqTemplate;
import dev.zmqkeepalive.socket.ManagedSocket;
import dev.zmqkeepalive.socket.ManagedSocketRegistry;
import dev.zmqkeepalive.socket.ZmqMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link ZmqListener @ZmqListener} methods receive what arrives, in the shape their
 * signature asks for, and a listener that throws does not stop the socket.
 */
class ZmqListenerTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class))
		.withUserConfiguration(Listeners.class)
		.withPropertyValues("zmq.keepalive.sockets.out.type=push", "zmq.keepalive.sockets.out.bind=inproc://listener-tests",
				"zmq.keepalive.sockets.in.type=pull", "zmq.keepalive.sockets.in.connect=inproc://listener-tests");

	@Test
	void aListenerThatThrowsDoesNotKillTheReceiveLoop() {
		this.runner.run((context) -> {
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			Listeners listeners = context.getBean(Listeners.class);
			template.send("out", "t", "one");
			template.send("out", "t", "boom");
			template.send("out", "t", "three");
			await().atMost(Duration.ofSeconds(10)).until(() -> listeners.texts.size() == 3);
			assertThat(listeners.texts).containsExactly("t:one", "t:boom", "t:three");
			ManagedSocket in = context.getBean(ManagedSocketRegistry.class).get("in");
			assertThat(in.state().listenerFailures()).isEqualTo(1);
			assertThat(in.state().messagesIn()).isEqualTo(3);
		});
	}

	@Test
	void everySupportedSignatureReceivesTheMessage() {
		this.runner.run((context) -> {
			context.getBean(ZmqTemplate.class).send("out", "topic", "payload");
			Listeners listeners = context.getBean(Listeners.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> listeners.others.size() == 4);
			assertThat(listeners.others).containsExactlyInAnyOrder("message:topic/payload", "payload:payload",
					"bytes:topic/7", "rawPayload:7");
		});
	}

	@Test
	void messagesOfMoreFramesReachZmqMessageListenersAndAreCountedAsFailuresForTopicListeners() {
		this.runner.run((context) -> {
			context.getBean(ZmqTemplate.class).sendFrames("out", "a".getBytes(), "b".getBytes(), "c".getBytes());
			Listeners listeners = context.getBean(Listeners.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> listeners.others.contains("message:3 frames"));
			ManagedSocket in = context.getBean(ManagedSocketRegistry.class).get("in");
			// The four (topic, payload) style listeners each reject it, loudly.
			await().atMost(Duration.ofSeconds(10)).until(() -> in.state().listenerFailures() == 4);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Listeners {

		final List<String> texts = new CopyOnWriteArrayList<>();

		final List<String> others = new CopyOnWriteArrayList<>();

		@Bean
		Object otherListeners() {
			return new Object() {

				@ZmqListener(socket = "in")
				void message(ZmqMessage message) {
					Listeners.this.others.add(message.isTopicAndPayload()
							? "message:" + message.topicAsString() + "/" + message.payloadAsString()
							: "message:" + message.frames().size() + " frames");
				}

				@ZmqListener("in")
				void payload(String payload) {
					if (!payload.equals("payload")) {
						return;
					}
					Listeners.this.others.add("payload:" + payload);
				}

				@ZmqListener(socket = "in")
				void bytes(byte[] topic, byte[] payload) {
					if (payload.length == 7) {
						Listeners.this.others.add("bytes:" + new String(topic) + "/" + payload.length);
					}
				}

				@ZmqListener(socket = "in")
				void rawPayload(byte[] payload) {
					if (payload.length == 7) {
						Listeners.this.others.add("rawPayload:" + payload.length);
					}
				}

			};
		}

		@ZmqListener(socket = "in")
		void onText(String topic, String payload) {
			if (payload.equals("payload")) {
				return;
			}
			this.texts.add(topic + ":" + payload);
			if (payload.equals("boom")) {
				throw new IllegalStateException("listener failure on purpose");
			}
		}

	}

}
