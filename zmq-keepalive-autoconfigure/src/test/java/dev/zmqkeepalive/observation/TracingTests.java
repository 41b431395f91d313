package dev.zmqkeepalive.observation;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import brave.Tracing;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.ThreadLocalCurrentTraceContext;
import brave.propagation.TraceContext;
import brave.sampler.Sampler;
import io.micrometer.observation.ObservationHandler.FirstMatchingCompositeObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
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
 * With Micrometer Tracing (here its Brave bridge, B3 propagation) and the envelope on
 * both sockets, a send and the listener call that receives it are one trace: a producer
 * span and a consumer span whose parent it is, across a real TCP link.
 */
class TracingTests {

	private static final Duration DEADLINE = Duration.ofSeconds(20);

	private final int port = TestPorts.free();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class))
		.withUserConfiguration(Traced.class)
		.withPropertyValues("zmq.keepalive.sockets.in.type=pull",
				"zmq.keepalive.sockets.in.bind=tcp://127.0.0.1:" + this.port, "zmq.keepalive.sockets.out.type=push",
				"zmq.keepalive.sockets.out.connect=tcp://127.0.0.1:" + this.port,
				"zmq.keepalive.template.observation-enabled=true", "zmq.keepalive.listener.observation-enabled=true");

	@Test
	void whenBothSocketsUseTheEnvelopeThenTheListenersSpanContinuesTheSendersTrace() {
		this.runner
			.withPropertyValues("zmq.keepalive.sockets.in.envelope=true", "zmq.keepalive.sockets.out.envelope=true")
			.run((context) -> {
				Traced traced = context.getBean(Traced.class);
				context.getBean(ZmqTemplate.class).send("out", "t", "traced");
				await().atMost(DEADLINE).until(() -> traced.spans.size() == 2);
				MutableSpan producer = span(traced, brave.Span.Kind.PRODUCER);
				MutableSpan consumer = span(traced, brave.Span.Kind.CONSUMER);
				assertThat(producer.name()).isEqualTo("out send");
				assertThat(consumer.name()).isEqualTo("in receive");
				assertThat(consumer.traceId()).isEqualTo(producer.traceId());
				assertThat(consumer.parentId()).isEqualTo(producer.id());
				assertThat(traced.traceIdInListener).containsExactly(producer.traceId());
			});
	}

	@Test
	void withoutTheEnvelopeTheListenerStartsANewTrace() {
		this.runner.run((context) -> {
			Traced traced = context.getBean(Traced.class);
			context.getBean(ZmqTemplate.class).send("out", "t", "untraced");
			await().atMost(DEADLINE).until(() -> traced.spans.size() == 2);
			MutableSpan producer = span(traced, brave.Span.Kind.PRODUCER);
			MutableSpan consumer = span(traced, brave.Span.Kind.CONSUMER);
			assertThat(consumer.traceId()).isNotEqualTo(producer.traceId());
			assertThat(consumer.parentId()).isNull();
		});
	}

	private static MutableSpan span(Traced traced, brave.Span.Kind kind) {
		return traced.spans.stream().filter((span) -> span.kind() == kind).findFirst().orElseThrow();
	}

	@Configuration(proxyBeanMethods = false)
	static class Traced {

		final List<MutableSpan> spans = new CopyOnWriteArrayList<>();

		final List<String> traceIdInListener = new CopyOnWriteArrayList<>();

		private Tracer tracer;

		@Bean(destroyMethod = "close")
		Tracing braveTracing() {
			return Tracing.newBuilder()
				.currentTraceContext(ThreadLocalCurrentTraceContext.create())
				.sampler(Sampler.ALWAYS_SAMPLE)
				.addSpanHandler(new SpanHandler() {

					@Override
					public boolean end(TraceContext context, MutableSpan span, Cause cause) {
						Traced.this.spans.add(span);
						return true;
					}

				})
				.build();
		}

		@Bean
		ObservationRegistry observationRegistry(Tracing tracing) {
			this.tracer = new BraveTracer(tracing.tracer(), new BraveCurrentTraceContext(tracing.currentTraceContext()),
					new BraveBaggageManager());
			BravePropagator propagator = new BravePropagator(tracing);
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig()
				.observationHandler(new FirstMatchingCompositeObservationHandler(
						new PropagatingSenderTracingObservationHandler<>(this.tracer, propagator),
						new PropagatingReceiverTracingObservationHandler<>(this.tracer, propagator),
						new DefaultTracingObservationHandler(this.tracer)));
			return registry;
		}

		@ZmqListener(socket = "in")
		void onMessage(String payload) {
			if (this.tracer != null && this.tracer.currentSpan() != null) {
				this.traceIdInListener.add(this.tracer.currentSpan().context().traceId());
			}
		}

	}

}
