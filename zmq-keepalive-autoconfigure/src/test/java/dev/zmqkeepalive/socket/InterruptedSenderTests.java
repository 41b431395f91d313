package dev.zmqkeepalive.socket;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Senders hand messages to JeroMQ on their own threads, and application threads get
 * interrupted (cancelled tasks, executor shutdown). JeroMQ answers a pending interrupt
 * with {@code EINTR} at any frame: the starter must still send whole messages, keep the
 * sender's interrupt, and leave the socket working.
 */
class InterruptedSenderTests {

	private static final int MESSAGES = 20_000;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class))
		.withPropertyValues("zmq.keepalive.sockets.out.type=push", "zmq.keepalive.sockets.out.bind=inproc://interrupts",
				"zmq.keepalive.sockets.out.send-queue-capacity=" + MESSAGES, "zmq.keepalive.sockets.in.type=pull",
				"zmq.keepalive.sockets.in.connect=inproc://interrupts");

	@Test
	void aSenderInterruptedWhileSendingStillSendsWholeMessagesInOrderAndKeepsItsInterrupt() {
		this.runner.run((context) -> {
			ManagedSocketRegistry sockets = context.getBean(ManagedSocketRegistry.class);
			AtomicInteger received = new AtomicInteger();
			AtomicLong broken = new AtomicLong();
			sockets.get("in").addListener((message) -> {
				int expected = received.getAndIncrement();
				if (message.frames().size() != 3 || ByteBuffer.wrap(message.frames().get(1)).getInt() != expected
						|| ByteBuffer.wrap(message.frames().get(2)).getInt() != expected) {
					broken.incrementAndGet();
				}
			});
			ManagedSocket out = sockets.get("out");
			AtomicInteger lostInterrupts = new AtomicInteger();
			AtomicReference<Throwable> failure = new AtomicReference<>();
			Thread sender = new Thread(() -> {
				try {
					for (int i = 0; i < MESSAGES; i++) {
						byte[] n = ByteBuffer.allocate(4).putInt(i).array();
						if (i % 2 == 0) {
							// Interrupt pending before the send: JeroMQ sees it, the sender
							// must get it back.
							Thread.currentThread().interrupt();
							out.send("t".getBytes(), n, n);
							if (!Thread.interrupted()) {
								lostInterrupts.incrementAndGet();
							}
						}
						else {
							// Interrupts arriving at any moment, from another thread.
							out.send("t".getBytes(), n, n);
							Thread.interrupted();
						}
					}
				}
				catch (Throwable ex) {
					failure.set(ex);
				}
			});
			AtomicBoolean sending = new AtomicBoolean(true);
			Thread interrupter = new Thread(() -> {
				while (sending.get()) {
					sender.interrupt();
					Thread.onSpinWait();
				}
			});
			sender.start();
			interrupter.start();
			sender.join(Duration.ofSeconds(60).toMillis());
			sending.set(false);
			interrupter.join();
			assertThat(sender.isAlive()).isFalse();
			assertThat(failure.get()).isNull();
			assertThat(lostInterrupts.get()).isZero();
			await().atMost(Duration.ofSeconds(30)).until(() -> received.get() == MESSAGES);
			assertThat(broken.get()).isZero();
			// And the socket still works for everybody else.
			out.send("t".getBytes(), ByteBuffer.allocate(4).putInt(MESSAGES).array(),
					ByteBuffer.allocate(4).putInt(MESSAGES).array());
			await().atMost(Duration.ofSeconds(10)).until(() -> received.get() == MESSAGES + 1);
			assertThat(broken.get()).isZero();
		});
	}

}
