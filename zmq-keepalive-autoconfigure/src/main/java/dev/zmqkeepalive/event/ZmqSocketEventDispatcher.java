package dev.zmqkeepalive.event;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Hands socket events from JeroMQ I/O threads to application listeners. Monitor hooks
 * run on an I/O thread and must never block or throw (a blocked hook freezes every
 * socket of the context, a throwing one stops reconnects), so they only {@link #offer}
 * into a bounded queue; one thread for all sockets takes events from there and
 * delivers them. When listeners fall so far behind that the queue is full, further
 * events are counted and reported in the log instead of stalling the sockets.
 *
 * <p>
 * Sockets bind and connect while the application context is still being created, when
 * event listeners are not registered yet and publishing would contend with bean
 * creation. Events are therefore held until {@link #startDelivery()}, which the socket
 * registry calls when the context starts.
 *
 * <p>
 * Once the context begins to close (or a failed startup tears it down), listeners are
 * about to be destroyed: {@link #stopDelivery()} ends delivery for good, and events
 * still queued or offered afterwards are discarded. Publishing into a context in that
 * state made it try to create the listener beans it had just destroyed
 * ({@code BeanCreationNotAllowedException}).
 *
 * <p>
 * While the application context is stopped ({@code stop()}, or a startup failing after
 * the sockets started, which stops them before the teardown), delivery is
 * {@linkplain #pauseDelivery() paused}: the sockets' own closing is not reported, as at
 * shutdown, and {@link #startDelivery()} resumes it when the context starts again.
 *
 * @author zmq-keepalive
 */
public final class ZmqSocketEventDispatcher implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(ZmqSocketEventDispatcher.class);

	private final BlockingQueue<ZmqSocketEvent> queue;

	private final Consumer<ZmqSocketEvent> listeners;

	private final LongAdder dropped = new LongAdder();

	private final Thread thread;

	private volatile boolean running = true;

	private final CountDownLatch delivering = new CountDownLatch(1);

	/** Held while an event is delivered, so that stopping can wait for that one. */
	private final ReentrantLock deliveryLock = new ReentrantLock();

	private volatile boolean deliveryStopped;

	private volatile boolean paused;

	private long droppedReported;

	/**
	 * Create a dispatcher and start its thread.
	 * @param capacity events that may wait for delivery
	 * @param delivery what to do with each event (typically publish it to the
	 * application context); exceptions are logged
	 */
	public ZmqSocketEventDispatcher(int capacity, Consumer<ZmqSocketEvent> delivery) {
		this(capacity, delivery, (runnable) -> {
			Thread thread = new Thread(runnable);
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Create a dispatcher and start its thread.
	 * @param capacity events that may wait for delivery
	 * @param delivery what to do with each event (typically publish it to the
	 * application context); exceptions are logged
	 * @param threads makes the delivering thread, which is then named
	 * {@code zmq-keepalive-events}
	 */
	public ZmqSocketEventDispatcher(int capacity, Consumer<ZmqSocketEvent> delivery, ThreadFactory threads) {
		this.queue = new ArrayBlockingQueue<>(capacity);
		this.listeners = delivery;
		this.thread = threads.newThread(this::run);
		this.thread.setName("zmq-keepalive-events");
		this.thread.start();
	}

	/**
	 * Queue an event for delivery without blocking. Safe on a JeroMQ I/O thread.
	 * @param event the event
	 */
	public void offer(ZmqSocketEvent event) {
		if (this.deliveryStopped || this.paused) {
			return;
		}
		if (!this.queue.offer(event)) {
			this.dropped.increment();
		}
	}

	/** Deliver queued events and every event from now on (again, after a pause). */
	public void startDelivery() {
		this.paused = false;
		this.delivering.countDown();
	}

	/**
	 * Deliver nothing until {@link #startDelivery()}: the application context is
	 * stopping. Events queued or offered meanwhile are discarded; like
	 * {@link #stopDelivery()}, waits (briefly) for an event being delivered.
	 */
	public void pauseDelivery() {
		this.paused = true;
		awaitDeliveryInProgress();
		this.queue.clear();
	}

	/**
	 * Deliver nothing more, ever: the application context is closing. Waits (briefly)
	 * for an event being delivered to finish, so that no listener runs after this
	 * returns; events queued meanwhile are discarded.
	 */
	public void stopDelivery() {
		this.deliveryStopped = true;
		awaitDeliveryInProgress();
		this.queue.clear();
	}

	private void awaitDeliveryInProgress() {
		try {
			if (this.deliveryLock.tryLock(1, TimeUnit.SECONDS)) {
				this.deliveryLock.unlock();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Events not delivered because the queue was full. */
	public long droppedCount() {
		return this.dropped.sum();
	}

	private void run() {
		try {
			while (this.running && !this.delivering.await(200, TimeUnit.MILLISECONDS)) {
				// Wait for the application context to start (or for close).
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		while ((this.running || !this.queue.isEmpty()) && !this.deliveryStopped) {
			try {
				ZmqSocketEvent event = this.queue.poll(200, TimeUnit.MILLISECONDS);
				if (event != null) {
					deliver(event);
				}
				reportDropped();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void deliver(ZmqSocketEvent event) {
		this.deliveryLock.lock();
		try {
			if (!this.deliveryStopped && !this.paused) {
				this.listeners.accept(event);
			}
		}
		catch (Throwable ex) {
			logger.warn("Listener failed on " + event, ex);
		}
		finally {
			this.deliveryLock.unlock();
		}
	}

	private void reportDropped() {
		long dropped = this.dropped.sum();
		if (dropped > this.droppedReported) {
			logger.warn("Socket event listeners are too slow: " + (dropped - this.droppedReported)
					+ " events were not delivered (queue capacity " + (this.queue.size() + this.queue.remainingCapacity())
					+ "); health and metrics still count them");
			this.droppedReported = dropped;
		}
	}

	/**
	 * Deliver what is queued, unless delivery was {@linkplain #stopDelivery() stopped}
	 * or never started, waiting at most the given time, then stop.
	 * @param timeout how long to wait for queued events
	 */
	public void close(Duration timeout) {
		if (this.delivering.getCount() > 0) {
			// Never started: the context failed to start, its listeners are gone.
			stopDelivery();
		}
		this.running = false;
		try {
			this.thread.join(timeout.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		close(Duration.ofSeconds(1));
	}

}
