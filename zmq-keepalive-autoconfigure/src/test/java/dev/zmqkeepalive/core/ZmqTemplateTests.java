package dev.zmqkeepalive.core;

import java.time.Duration;
import java.util.List;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;
import dev.zmqkeepalive.socket.ManagedSocket;
import dev.zmqkeepalive.socket.ManagedSocketRegistry;
import dev.zmqkeepalive.socket.ZmqSendException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Sending to the wrong place fails at once with a message that says what would work;
 * a full queue pushes back instead of dropping.
 */
class ZmqTemplateTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class))
		.withPropertyValues("zmq.keepalive.sockets.in.type=sub", "zmq.keepalive.sockets.in.connect=tcp://127.0.0.1:1",
				"zmq.keepalive.sockets.out.type=push", "zmq.keepalive.sockets.out.connect=tcp://127.0.0.1:1",
				"zmq.keepalive.sockets.out.send-queue-capacity=3", "zmq.keepalive.sockets.out.send-hwm=1",
				"zmq.keepalive.sockets.out.send-timeout=200ms");

	@Test
	void sendingOnAnUnknownSocketNamesTheDeclaredOnes() {
		this.runner.run((context) -> assertThatIllegalArgumentException()
			.isThrownBy(() -> context.getBean(ZmqTemplate.class).send("nope", "t", "p"))
			.withMessageContaining("'nope'")
			.withMessageContaining("in, out"));
	}

	@Test
	void sendingOnAReceiveOnlySocketFails() {
		this.runner.run((context) -> assertThatExceptionOfType(ZmqSendException.class)
			.isThrownBy(() -> context.getBean(ZmqTemplate.class).send("in", "t", "p"))
			.withMessageContaining("sub socket and cannot send"));
	}

	@Test
	void whenATextOrBinaryTopicOrPayloadIsNullThenSendFailsWithAnIllegalArgumentExceptionAndSendsNothing() {
		this.runner.run((context) -> {
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			byte[] bytes = { 1 };
			List<ThrowingCallable> nullSends = List.of(() -> template.send("out", null, "p"),
					() -> template.send("out", "t", (String) null), () -> template.send("out", (String) null, bytes),
					() -> template.send("out", "t", (byte[]) null), () -> template.send("out", (byte[]) null, bytes),
					() -> template.send("out", bytes, (byte[]) null), () -> template.sendFrames("out", bytes, null),
					() -> template.sendFrames("out", (byte[][]) null));
			for (ThrowingCallable send : nullSends) {
				assertThatIllegalArgumentException().isThrownBy(send)
					.withMessageMatching("The (topic|payload|frame 1|frames) is null; send an empty one .*");
			}
			assertThat(context.getBean(ManagedSocketRegistry.class).get("out").queuedMessages()).isZero();
		});
	}

	@Test
	void aFullSendQueueMakesTheCallerWaitThenFailsInsteadOfDropping() {
		this.runner.run((context) -> {
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			// No peer ever connects: JeroMQ holds nothing for it, so the queue fills up.
			assertThatExceptionOfType(ZmqSendException.class).isThrownBy(() -> {
				for (int i = 0; i < 100; i++) {
					template.send("out", "t", "p" + i);
				}
			}).withMessageContaining("stayed full (3 messages) for 200ms: ");
			assertThat(context.getBean(ManagedSocketRegistry.class).get("out").queuedMessages()).isGreaterThan(0);
		});
	}

	@Test
	void advancedOptionsRunOnTheSocketsOwnThread() throws Exception {
		this.runner.run((context) -> {
			ManagedSocket in = context.getBean(ManagedSocketRegistry.class).get("in");
			String thread = in.execute((socket) -> Thread.currentThread().getName())
				.get(5, java.util.concurrent.TimeUnit.SECONDS);
			assertThat(thread).isEqualTo("zmq-in");
			assertThat(in.execute((socket) -> socket.subscribe("extra")).get(5, java.util.concurrent.TimeUnit.SECONDS))
				.isTrue();
		});
	}

}
