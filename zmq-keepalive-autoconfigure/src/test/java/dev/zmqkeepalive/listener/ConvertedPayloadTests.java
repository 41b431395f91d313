package dev.zmqkeepalive.listener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;
import dev.zmqkeepalive.convert.ZmqPayloadConversionException;
import dev.zmqkeepalive.core.ZmqTemplate;
import dev.zmqkeepalive.messaging.SocketMessagingRegistry;
import dev.zmqkeepalive.socket.ManagedSocketRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Objects sent with {@code convertAndSend} reach {@code @ZmqListener} methods that take
 * them as a converted parameter (JSON through Boot's Jackson 3 mapper); a payload that
 * does not convert is logged, counted and skipped, and the next one is delivered.
 */
class ConvertedPayloadTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(JacksonAutoConfiguration.class, ZmqKeepaliveAutoConfiguration.class))
		.withPropertyValues("zmq.keepalive.sockets.out.type=push",
				"zmq.keepalive.sockets.out.bind=inproc://converted-payload-tests", "zmq.keepalive.sockets.in.type=pull",
				"zmq.keepalive.sockets.in.connect=inproc://converted-payload-tests");

	record Tick(String symbol, long price) {
	}

	@Test
	void whenARecordIsSentThenListenersReceiveItConvertedWithItsTopic() {
		this.runner.withUserConfiguration(TickListeners.class).run((context) -> {
			context.getBean(ZmqTemplate.class).convertAndSend("out", "ticks.acme", new Tick("ACME", 42));
			TickListeners listeners = context.getBean(TickListeners.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> listeners.received.size() == 3);
			assertThat(listeners.received).containsExactlyInAnyOrder("ticks.acme:Tick[symbol=ACME, price=42]",
					"Tick[symbol=ACME, price=42]", "json:{\"symbol\":\"ACME\",\"price\":42}");
		});
	}

	@Test
	void whenAPayloadDoesNotConvertThenItIsCountedAndSkippedAndTheNextOneIsDelivered() {
		this.runner.withUserConfiguration(TickListeners.class).run((context) -> {
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			TickListeners listeners = context.getBean(TickListeners.class);
			template.send("out", "ticks.acme", "not json");
			template.convertAndSend("out", "ticks.acme", new Tick("NEXT", 1));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> listeners.received.contains("ticks.acme:Tick[symbol=NEXT, price=1]")
						&& listeners.received.contains("Tick[symbol=NEXT, price=1]"));
			// Two listeners take a Tick: each counts its own failure; the String one got it.
			assertThat(context.getBean(SocketMessagingRegistry.class).find("in").conversionFailures()).isEqualTo(2);
			assertThat(listeners.received).contains("json:not json").noneMatch((r) -> r.contains("null"));
			assertThat(context.getBean(ManagedSocketRegistry.class).get("in").state().listenerFailures()).isZero();
		});
	}

	@Test
	void whenAListenerThrowsTheConversionExceptionItselfThenItIsAListenerFailureNotAConversionFailure() {
		this.runner.withUserConfiguration(ThrowingListener.class).run((context) -> {
			context.getBean(ZmqTemplate.class).convertAndSend("out", "t", new Tick("A", 1));
			var in = context.getBean(ManagedSocketRegistry.class).get("in");
			await().atMost(Duration.ofSeconds(10)).until(() -> in.state().listenerFailures() == 1);
			assertThat(context.getBean(SocketMessagingRegistry.class).find("in").conversionFailures()).isZero();
		});
	}

	@Test
	void whenJacksonIsAbsentThenARecordListenerFailsStartupSayingWhatToAdd() {
		this.runner.withClassLoader(new FilteredClassLoader(JsonMapper.class))
			.withUserConfiguration(TickListeners.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				// Found by the check before any bean (or socket) exists.
				assertThat(context.getStartupFailure()).isInstanceOf(InvalidZmqListenerException.class)
					.hasMessageContaining("takes a payload of type " + Tick.class.getTypeName()
							+ ", which no payload converter reads");
			});
	}

	@Test
	void whenJacksonIsAbsentThenSendingARecordFailsAndNothingIsSent() {
		this.runner.withClassLoader(new FilteredClassLoader(JsonMapper.class)).run((context) -> {
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			assertThatExceptionOfType(ZmqPayloadConversionException.class)
				.isThrownBy(() -> template.convertAndSend("out", "t", new Tick("A", 1)))
				.withMessageContaining("No payload converter for " + Tick.class.getTypeName());
			assertThat(context.getBean(ManagedSocketRegistry.class).get("out").state().messagesOut()).isZero();
		});
	}

	@Test
	void whenListenersNameTopicsThenEachGetsOnlyItsTopicsAndTextOnAnotherTopicIsNoConversionFailure() {
		this.runner.withUserConfiguration(TopicListeners.class).run((context) -> {
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			template.send("out", "text", "tick 1");
			template.convertAndSend("out", "ticks.acme", new Tick("ACME", 42));
			template.send("out", "text", "tick 2");
			TopicListeners listeners = context.getBean(TopicListeners.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> listeners.received.size() == 3);
			assertThat(listeners.received).containsExactly("text:tick 1", "tick:ACME", "text:tick 2");
			assertThat(context.getBean(SocketMessagingRegistry.class).find("in").conversionFailures()).isZero();
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class TopicListeners {

		final List<String> received = new CopyOnWriteArrayList<>();

		@ZmqListener(socket = "in", topics = "text")
		void text(String payload) {
			this.received.add("text:" + payload);
		}

		@ZmqListener(socket = "in", topics = { "quotes", "ticks." })
		void tick(Tick tick) {
			this.received.add("tick:" + tick.symbol());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TickListeners {

		final List<String> received = new CopyOnWriteArrayList<>();

		@ZmqListener(socket = "in")
		void withTopic(String topic, Tick tick) {
			this.received.add(topic + ":" + tick);
		}

		@ZmqListener(socket = "in")
		void payloadOnly(Tick tick) {
			this.received.add(String.valueOf(tick));
		}

		@ZmqListener(socket = "in")
		void text(String json) {
			this.received.add("json:" + json);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ThrowingListener {

		@ZmqListener(socket = "in")
		void onTick(Tick tick) {
			throw new ZmqPayloadConversionException("thrown by the application");
		}

	}

}
