package dev.zmqkeepalive.socket;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.zmqkeepalive.TestPorts;
import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Code running on a socket's own thread (a listener, an execute task) must never wait
 * for that thread: it is the one that would have to do the work.
 */
class OwningThreadTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class))
		// A push socket whose peer never answers takes one message (send-hwm 1), then the
		// send queue (3) fills up.
		.withPropertyValues("zmq.keepalive.sockets.out.type=push",
				"zmq.keepalive.sockets.out.connect=" + TestPorts.unreachableEndpoint(),
				"zmq.keepalive.sockets.out.send-hwm=1", "zmq.keepalive.sockets.out.send-queue-capacity=3",
				"zmq.keepalive.sockets.out.send-timeout=30s");

	@Test
	void executeCalledOnTheOwningThreadRunsAtOnceInsteadOfDeadlocking() {
		this.runner.run((context) -> {
			ManagedSocket out = context.getBean(ManagedSocketRegistry.class).get("out");
			CompletableFuture<String> nested = out
				.execute((socket) -> out.execute((again) -> Thread.currentThread().getName()).join());
			assertThat(nested.get(5, TimeUnit.SECONDS)).isEqualTo("zmq-out");
		});
	}

	@Test
	void aSendOnTheOwningThreadThatWouldWaitFailsAtOnceSayingWhy() {
		this.runner.run((context) -> {
			ManagedSocket out = context.getBean(ManagedSocketRegistry.class).get("out");
			long start = System.nanoTime();
			CompletableFuture<Integer> sending = out.execute((socket) -> {
				int sent = 0;
				while (sent < 100) {
					out.send("t".getBytes(), ("m" + sent).getBytes());
					sent++;
				}
				return sent;
			});
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> sending.get(10, TimeUnit.SECONDS))
				.havingCause()
				.isInstanceOf(ZmqSendException.class)
				.withMessageContaining("is full (3 messages)")
				.withMessageContaining("socket's own thread");
			// Far less than the 30 s send timeout a caller on another thread would wait.
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
			assertThat(out.queuedMessages()).isEqualTo(3);
		});
	}

}
