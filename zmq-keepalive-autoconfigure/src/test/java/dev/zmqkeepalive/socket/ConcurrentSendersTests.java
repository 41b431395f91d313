package dev.zmqkeepalive.socket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.zeromq.ZContext;

import dev.zmqkeepalive.event.ZmqSocketEventDispatcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Senders that find the socket's lock taken queue their message and leave it to the
 * thread holding the lock. The owning thread is kept from running here, so only the
 * senders can hand anything over.
 */
class ConcurrentSendersTests {

	private static final byte[] TOPIC = "t".getBytes();

	@Test
	void aMessageQueuedWhileAnotherSenderHeldTheLockIsHandedOverByThatSenderWhenItLetsGo() throws Exception {
		PausingClock clock = new PausingClock();
		DeferredThreads threads = new DeferredThreads();
		ZmqSocketEventDispatcher events = new ZmqSocketEventDispatcher(100, (event) -> {
		});
		try (ZContext context = new ZContext(1)) {
			// A pub socket without subscribers: JeroMQ takes every message (and drops it).
			ManagedSocket socket = ManagedSocket.open(context,
					SocketStates.settings("out", ZmqSocketType.PUB, List.of("tcp://127.0.0.1:*"), List.of(), null),
					List.of(), events, clock, threads);
			socket.start(threads);
			try {
				// The first sender takes the lock, hands its message over and, still
				// holding the lock, reads the clock to count it: it waits there.
				Thread first = new Thread(() -> socket.send(TOPIC, "first".getBytes()), "first-sender");
				clock.pause(first);
				first.start();
				assertThat(clock.paused.await(10, TimeUnit.SECONDS)).isTrue();

				// The second finds the lock taken and queues its message.
				socket.send(TOPIC, "second".getBytes());
				assertThat(socket.queuedMessages()).isOne();

				clock.resume();
				first.join(TimeUnit.SECONDS.toMillis(10));
				assertThat(first.isAlive()).isFalse();
				// Handed over by the first sender on its way out, not left for the owning
				// thread (which waits up to a second between turns when nothing wakes it).
				assertThat(socket.queuedMessages()).isZero();
				assertThat(socket.state().messagesOut()).isEqualTo(2);
			}
			finally {
				clock.resume();
				threads.startDeferred();
				socket.stop(Duration.ofSeconds(5));
				events.close();
			}
		}
	}

	/**
	 * The system clock, except that {@link #millis()} waits in the thread it was told to
	 * pause until it is resumed.
	 */
	private static final class PausingClock extends Clock {

		private final AtomicReference<@Nullable Thread> pausing = new AtomicReference<>();

		final CountDownLatch paused = new CountDownLatch(1);

		private final CountDownLatch resumed = new CountDownLatch(1);

		void pause(Thread thread) {
			this.pausing.set(thread);
		}

		void resume() {
			this.resumed.countDown();
		}

		@Override
		public long millis() {
			if (Thread.currentThread() == this.pausing.get()) {
				this.paused.countDown();
				try {
					this.resumed.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return System.currentTimeMillis();
		}

		@Override
		public Instant instant() {
			return Instant.ofEpochMilli(millis());
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

	}

	/** Makes threads that start only when told: the owning thread stays out of the way. */
	private static final class DeferredThreads implements ThreadFactory {

		private final List<DeferredThread> made = new CopyOnWriteArrayList<>();

		@Override
		public Thread newThread(Runnable task) {
			DeferredThread thread = new DeferredThread(task);
			this.made.add(thread);
			return thread;
		}

		void startDeferred() {
			this.made.forEach(DeferredThread::release);
		}

	}

	private static final class DeferredThread extends Thread {

		private boolean released;

		private boolean startRequested;

		DeferredThread(Runnable task) {
			super(task);
		}

		@Override
		public synchronized void start() {
			this.startRequested = true;
			if (this.released) {
				super.start();
			}
		}

		synchronized void release() {
			this.released = true;
			if (this.startRequested) {
				super.start();
			}
		}

	}

}
