package dev.zmqkeepalive.observation;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.zmqkeepalive.TestPorts;
import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;
import dev.zmqkeepalive.core.ZmqTemplate;
import dev.zmqkeepalive.listener.ZmqListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sends and listener calls are Micrometer observations when switched on, timed with the
 * low-cardinality tags only, and the trace context a tracing handler puts into the send
 * reaches the listener's observation through the envelope, as Micrometer Tracing's
 * propagating handlers use the carrier.
 */
class ObservationTests {

	private static final Duration DEADLINE = Duration.ofSeconds(20);

	private final int port = TestPorts.free();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class))
		.withUserConfiguration(Observations.class)
		.withPropertyValues("zmq.keepalive.sockets.in.type=pull",
				"zmq.keepalive.sockets.in.bind=tcp://127.0.0.1:" + this.port, "zmq.keepalive.sockets.out.type=push",
				"zmq.keepalive.sockets.out.connect=tcp://127.0.0.1:" + this.port);

	@Test
	void whenObservationsAreOnThenSendsAndListenerCallsAreTimedPerSocketWithoutTopic() {
		this.runner
			.withPropertyValues("zmq.keepalive.template.observation-enabled=true",
					"zmq.keepalive.listener.observation-enabled=true")
			.run((context) -> {
				Observations observations = context.getBean(Observations.class);
				context.getBean(ZmqTemplate.class).send("out", "ticks.acme", "one");
				await().atMost(DEADLINE).until(() -> observations.received.size() == 1);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				await().atMost(DEADLINE)
					.until(() -> meters.find("zmq.listener").timer() != null
							&& meters.find("zmq.listener").timer().count() == 1);
				assertThat(meters.get("zmq.template").timer().getId().getTags())
					.containsExactlyInAnyOrder(Tag.of("socket", "out"), Tag.of("type", "push"), Tag.of("error", "none"));
				assertThat(meters.get("zmq.listener").timer().getId().getTags())
					.containsExactlyInAnyOrder(Tag.of("socket", "in"), Tag.of("type", "pull"), Tag.of("error", "none"));
				assertThat(observations.received).containsExactly("one observed by zmq.listener");
			});
	}

	@Test
	void whenTopicsAreDeclaredBoundedThenObservationsAreTaggedWithTheTopic() {
		this.runner
			.withPropertyValues("zmq.keepalive.template.observation-enabled=true",
					"zmq.keepalive.listener.observation-enabled=true", "zmq.keepalive.observation.topic-tag=true")
			.run((context) -> {
				Observations observations = context.getBean(Observations.class);
				context.getBean(ZmqTemplate.class).send("out", "ticks.acme", "one");
				await().atMost(DEADLINE).until(() -> observations.received.size() == 1);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.get("zmq.template").tag("topic", "ticks.acme").timer().count()).isEqualTo(1);
				await().atMost(DEADLINE).until(() -> meters.find("zmq.listener").tag("topic", "ticks.acme").timer() != null);
			});
	}

	@Test
	void whenObservationsAreOffThenNothingIsObserved() {
		this.runner.run((context) -> {
			Observations observations = context.getBean(Observations.class);
			context.getBean(ZmqTemplate.class).send("out", "t", "one");
			await().atMost(DEADLINE).until(() -> observations.received.size() == 1);
			assertThat(observations.received).containsExactly("one observed by nobody");
			assertThat(context.getBean(MeterRegistry.class).find("zmq.template").timer()).isNull();
			assertThat(context.getBean(MeterRegistry.class).find("zmq.listener").timer()).isNull();
		});
	}

	@Test
	void whenBothEndsUseTheEnvelopeThenTheSendersTraceContextReachesTheListenersObservation() {
		this.runner
			.withPropertyValues("zmq.keepalive.template.observation-enabled=true",
					"zmq.keepalive.listener.observation-enabled=true", "zmq.keepalive.sockets.in.envelope=true",
					"zmq.keepalive.sockets.out.envelope=true")
			.run((context) -> {
				Observations observations = context.getBean(Observations.class);
				context.getBean(ZmqTemplate.class).send("out", "t", "traced");
				await().atMost(DEADLINE).until(() -> observations.extracted.size() == 1);
				assertThat(observations.injected).hasSize(1);
				assertThat(observations.extracted).containsExactlyElementsOf(observations.injected);
			});
	}

	@Test
	void withoutTheEnvelopeTheListenerStartsWithoutTheSendersContext() {
		this.runner
			.withPropertyValues("zmq.keepalive.template.observation-enabled=true",
					"zmq.keepalive.listener.observation-enabled=true")
			.run((context) -> {
				Observations observations = context.getBean(Observations.class);
				context.getBean(ZmqTemplate.class).send("out", "t", "untraced");
				await().atMost(DEADLINE).until(() -> observations.extracted.size() == 1);
				assertThat(observations.injected).hasSize(1);
				assertThat(observations.extracted).containsExactly("none");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class Observations {

		final List<String> received = new CopyOnWriteArrayList<>();

		final List<String> injected = new CopyOnWriteArrayList<>();

		final List<String> extracted = new CopyOnWriteArrayList<>();

		private ObservationRegistry registry;

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		ObservationRegistry observationRegistry(MeterRegistry meters) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig()
				.observationHandler(new DefaultMeterObservationHandler(meters))
				.observationHandler(new Propagation());
			this.registry = registry;
			return registry;
		}

		@ZmqListener(socket = "in")
		void onMessage(String payload) {
			Observation current = (this.registry != null) ? this.registry.getCurrentObservation() : null;
			this.received.add(payload + " observed by "
					+ ((current != null) ? current.getContextView().getName() : "nobody"));
		}

		/** What Micrometer Tracing's propagating handlers do with the carrier. */
		class Propagation implements ObservationHandler<Observation.Context> {

			@Override
			public void onStart(Observation.Context context) {
				if (context instanceof ZmqSenderContext sender) {
					String traceparent = "00-" + UUID.randomUUID().toString().replace("-", "") + "-0123456789abcdef-01";
					sender.getSetter().set(sender.getCarrier(), "traceparent", traceparent);
					Observations.this.injected.add(traceparent);
				}
				if (context instanceof ZmqReceiverContext receiver) {
					String traceparent = receiver.getGetter().get(receiver.getCarrier(), "traceparent");
					Observations.this.extracted.add((traceparent != null) ? traceparent : "none");
				}
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		}

	}

}
