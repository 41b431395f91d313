package dev.zmqkeepalive.core;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;
import dev.zmqkeepalive.socket.ZmqMessage;
import dev.zmqkeepalive.socket.ManagedSocket;
import dev.zmqkeepalive.socket.ManagedSocketRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many threads send through one template at once, with lossless socket settings: every
 * message must arrive exactly once, intact, and in each sender's order.
 */
class ZmqTemplateConcurrencyTests {

	private static final int THREADS = 8;

	private static final int MESSAGES_PER_THREAD = 25_000;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class));

	@ParameterizedTest(name = "{0} to {1}")
	@CsvSource({ "push, pull, ", "pub, sub, 0", "xpub, sub, 0" })
	void manyThreadsSendingAtOnceLoseNothingAndCorruptNothing(String senderType, String receiverType, String hwm) {
		String[] losslessSender = (hwm == null) ? new String[0]
				: new String[] { "zmq.keepalive.sockets.out.send-hwm=" + hwm };
		String[] losslessReceiver = (hwm == null) ? new String[0]
				: new String[] { "zmq.keepalive.sockets.in.receive-hwm=" + hwm };
		this.runner
			.withPropertyValues("zmq.keepalive.sockets.out.type=" + senderType,
					"zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:*")
			.withPropertyValues(losslessSender)
			.run((senderContext) -> {
				ManagedSocket out = senderContext.getBean(ManagedSocketRegistry.class).get("out");
				this.runner
					.withPropertyValues("zmq.keepalive.sockets.in.type=" + receiverType,
							"zmq.keepalive.sockets.in.connect=" + out.state().boundEndpoints().get(0))
					.withPropertyValues(losslessReceiver)
					.run((receiverContext) -> {
						ManagedSocket in = receiverContext.getBean(ManagedSocketRegistry.class).get("in");
						Receiver receiver = new Receiver();
						in.addListener(receiver::onMessage);
						await().atMost(Duration.ofSeconds(10))
							.until(() -> in.state().livePeerCount() == 1 && out.state().livePeerCount() == 1);
						ZmqTemplate template = senderContext.getBean(ZmqTemplate.class);
						sendFromManyThreads(template);
						long expected = (long) THREADS * MESSAGES_PER_THREAD;
						await().atMost(Duration.ofSeconds(60)).until(() -> receiver.total.get() >= expected);
						assertThat(receiver.total.get()).isEqualTo(expected);
						assertThat(receiver.corrupt.get()).isZero();
						assertThat(receiver.outOfOrder.get()).isZero();
						for (int thread = 0; thread < THREADS; thread++) {
							assertThat(receiver.next.get(thread)).as("messages from thread " + thread)
								.isEqualTo(MESSAGES_PER_THREAD);
						}
						assertThat(out.state().messagesOut()).isEqualTo(expected);
						assertThat(in.state().messagesIn()).isEqualTo(expected);
					});
			});
	}

	private static void sendFromManyThreads(ZmqTemplate template) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(THREADS);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> senders = new ArrayList<>();
		for (int thread = 0; thread < THREADS; thread++) {
			int id = thread;
			senders.add(executor.submit(() -> {
				start.await();
				for (int n = 0; n < MESSAGES_PER_THREAD; n++) {
					template.send("out", "t" + id, payload(id, n));
				}
				return null;
			}));
		}
		start.countDown();
		for (Future<?> sender : senders) {
			sender.get();
		}
		executor.shutdown();
	}

	/** Thread id, sequence number, and a body derived from both so corruption shows. */
	private static byte[] payload(int thread, int n) {
		ByteBuffer buffer = ByteBuffer.allocate(8 + 64);
		buffer.putInt(thread).putInt(n);
		for (int i = 0; i < 64; i++) {
			buffer.put((byte) (thread * 31 + n + i));
		}
		return buffer.array();
	}

	private static final class Receiver {

		final AtomicLong total = new AtomicLong();

		final AtomicLong corrupt = new AtomicLong();

		final AtomicLong outOfOrder = new AtomicLong();

		final Map<Integer, Integer> next = new ConcurrentHashMap<>();

		void onMessage(ZmqMessage message) {
			ByteBuffer buffer = ByteBuffer.wrap(message.payload());
			int thread = buffer.getInt();
			int n = buffer.getInt();
			if (!message.topicAsString().equals("t" + thread) || !java.util.Arrays.equals(message.payload(), payload(thread, n))) {
				this.corrupt.incrementAndGet();
			}
			int expected = this.next.getOrDefault(thread, 0);
			if (n != expected) {
				this.outOfOrder.incrementAndGet();
			}
			this.next.put(thread, n + 1);
			this.total.incrementAndGet();
		}

	}

}
