package dev.zmqkeepalive.socket;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import zmq.ZError;

/**
 * The owning thread's loop. Each turn it runs queued tasks, restarts stalled connects,
 * processes the socket's commands, hands queued messages over while the socket has
 * room, receives and delivers what arrived and watches for silence; then it sleeps on
 * the socket's file descriptor until JeroMQ has something for it, a sender {@link #wake
 * wakes} it, or a timer is due. It holds the socket's lock only while it touches the
 * socket, never while it sleeps or while a listener runs.
 *
 * <p>
 * The descriptor only signals new commands, and a sender holding the lock may process
 * them instead of the loop (JeroMQ does so on every send). A sender that leaves input
 * behind therefore wakes the loop; a wake-up that comes while the loop is busy is
 * remembered, so it is never lost between a turn and the sleep.
 *
 * <p>
 * The socket is polled even when it cannot receive: processing commands is what lets
 * JeroMQ take in a new peer's pipe or release a departed peer's session. An idle pub or
 * push socket that only waited for senders kept every departed peer's session and pipes
 * until its next send.
 *
 * <p>
 * A socket that only receives (sub, pull) has no senders to share the lock with, so it
 * waits in JeroMQ's own blocking receive instead, holding the lock, as a plain JeroMQ
 * receiver does: waiting on the descriptor and then taking the message cost it about a
 * third more latency. {@link #wake} cancels that wait (JeroMQ's cancellation token, a
 * command to the socket's own mailbox).
 *
 * @author zmq-keepalive
 */
final class SocketLoop implements Runnable {

	private static final Log logger = LogFactory.getLog(SocketLoop.class);

	private static final long MAX_SLEEP_MILLIS = 1000;


	private final SocketSettings settings;

	private final ZContext context;

	private final SocketAccess access;

	private final SocketState state;

	private final OutboundQueue outbound;

	private final InboundDelivery inbound;

	private final SilenceWatch silence;

	private final ConnectWatchdog watchdog;

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	private final Selector selector;

	private final boolean receiveOnly;

	/** The receive timeout last set on a receive-only socket. */
	private int receiveTimeout = -2;

	private final AtomicBoolean sleeping = new AtomicBoolean();

	private volatile boolean woken;

	private volatile boolean running = true;

	private volatile boolean finished;

	/** Whether the last turn found the socket full with messages still queued. */
	private boolean waitingForRoom;

	SocketLoop(SocketSettings settings, ZContext context, SocketAccess access, SocketState state,
			OutboundQueue outbound, InboundDelivery inbound, SilenceWatch silence, ConnectWatchdog watchdog) {
		this.settings = settings;
		this.context = context;
		this.access = access;
		this.state = state;
		this.outbound = outbound;
		this.inbound = inbound;
		this.silence = silence;
		this.watchdog = watchdog;
		this.selector = context.getContext().selector();
		this.receiveOnly = !settings.type().canSend();
	}

	/** Queue a task for the owning thread and wake it. */
	void submit(Runnable task) {
		this.tasks.add(task);
		wake();
		if (this.finished) {
			// Too late for the loop: the task meets the closed socket here.
			runTasks();
		}
	}

	/** Make the loop take another turn soon: there is something for it to do. */
	void wake() {
		this.woken = true;
		if (this.sleeping.get() && this.sleeping.compareAndSet(true, false)) {
			endWait();
		}
	}

	/** Finish the current turn, hand over what is queued, close the socket and end. */
	void stop() {
		this.running = false;
		endWait();
	}

	private void endWait() {
		if (this.receiveOnly) {
			this.access.cancelWait();
		}
		else {
			this.selector.wakeup();
		}
	}

	/** Release what the loop holds when it is never run (the socket never started). */
	void discard() {
		this.finished = true;
		try {
			this.context.getContext().close(this.selector);
		}
		catch (RuntimeException ex) {
			// Closed with the context already.
		}
	}

	/** Whether the loop has closed the socket and ended. */
	boolean isFinished() {
		return this.finished;
	}

	@Override
	public void run() {
		try {
			if (this.receiveOnly) {
				while (this.running) {
					runTasks();
					receiveWaiting();
				}
			}
			else {
				this.access.fd().register(this.selector, SelectionKey.OP_READ);
				while (this.running) {
					runTasks();
					if (!turn()) {
						sleep();
					}
				}
				sendRemaining();
			}
		}
		catch (ZMQException ex) {
			if (ex.getErrorCode() != ZError.ETERM) {
				logger.error("Socket '" + this.settings.name() + "' stopped on an error", ex);
			}
		}
		catch (ClosedSelectorException ex) {
			// The context was closed under the socket: nothing left to do but close.
		}
		catch (Throwable ex) {
			logger.error("Socket '" + this.settings.name() + "' stopped on an error", ex);
		}
		finally {
			finish();
		}
	}

	/**
	 * One turn.
	 * @return whether there is more to do at once
	 */
	private boolean turn() {
		this.woken = false;
		boolean more = false;
		int events;
		this.access.lock();
		try {
			ZMQ.Socket socket = this.access.socket();
			this.watchdog.check(socket);
			events = this.access.events();
			if (this.outbound.isEmpty()) {
				this.waitingForRoom = false;
			}
			else if ((events & ZMQ.Poller.POLLOUT) != 0) {
				boolean room = this.outbound.sendBatchTo(socket);
				this.waitingForRoom = !room;
				more = room && !this.outbound.isEmpty();
			}
			else {
				this.waitingForRoom = true;
			}
		}
		finally {
			this.access.unlock();
		}
		if ((events & ZMQ.Poller.POLLIN) != 0) {
			more |= receiveBatch();
		}
		this.silence.check();
		return more;
	}

	/**
	 * One turn of a socket that only receives (sub, pull): wait for a message in JeroMQ's
	 * own blocking receive, as a plain JeroMQ program would, which costs the least on the
	 * way in. Such a socket has no senders, so nobody else needs the lock meanwhile;
	 * {@link #wake()} cancels the wait for tasks and stop, and the watches' next due time
	 * bounds it.
	 */
	private void receiveWaiting() {
		this.woken = false;
		this.access.lock();
		try {
			ZMQ.Socket socket = this.access.socket();
			this.watchdog.check(socket);
			int timeout = (int) Math.min(this.silence.millisUntilDue(MAX_SLEEP_MILLIS),
					this.watchdog.millisUntilDue(MAX_SLEEP_MILLIS));
			if (timeout != this.receiveTimeout) {
				socket.setReceiveTimeOut(timeout);
				this.receiveTimeout = timeout;
			}
			this.sleeping.set(true);
			// Checked after announcing the wait: a waker that came in between saw
			// sleeping == false and did not cancel, but its task or stop is seen here.
			byte[] first = (this.running && !this.woken && this.tasks.isEmpty()) ? this.access.receiveWaiting()
					: socket.recv(ZMQ.DONTWAIT);
			this.sleeping.set(false);
			// Then whatever else is waiting, in one go: listeners run with the lock held,
			// which costs nobody anything on a socket without senders.
			int delivered = 0;
			while (first != null) {
				Instant now = this.state.now();
				this.silence.messageReceived(now);
				this.inbound.deliver(new ZmqMessage(this.settings.name(), InboundDelivery.receiveRest(socket, first), now));
				delivered++;
				boolean more = delivered < OutboundQueue.BATCH && this.running && this.tasks.isEmpty();
				first = more ? socket.recv(ZMQ.DONTWAIT) : null;
			}
		}
		finally {
			this.sleeping.set(false);
			this.access.unlock();
		}
		this.silence.check();
	}

	/**
	 * Receive and deliver up to one batch, taking the lock per message so that senders
	 * are not held up while listeners run.
	 * @return whether there may be more waiting
	 */
	private boolean receiveBatch() {
		for (int i = 0; i < OutboundQueue.BATCH; i++) {
			List<byte[]> frames;
			this.access.lock();
			try {
				frames = InboundDelivery.receive(this.access.socket());
			}
			finally {
				this.access.unlock();
			}
			if (frames == null) {
				return false;
			}
			Instant now = this.state.now();
			this.silence.messageReceived(now);
			this.inbound.deliver(new ZmqMessage(this.settings.name(), frames, now));
		}
		return true;
	}

	private void sleep() throws IOException {
		this.sleeping.set(true);
		// Checked after announcing sleep: a sender that acted in between saw sleeping ==
		// false and did not wake the selector, but it did set woken.
		if (this.running && !this.woken && this.tasks.isEmpty()
				&& (this.waitingForRoom || this.outbound.isEmpty())) {
			long millis = Math.min(this.silence.millisUntilDue(MAX_SLEEP_MILLIS),
					this.watchdog.millisUntilDue(MAX_SLEEP_MILLIS));
			this.selector.select(millis);
			this.selector.selectedKeys().clear();
		}
		this.sleeping.set(false);
	}

	private void runTasks() {
		Runnable task;
		while ((task = this.tasks.poll()) != null) {
			task.run();
		}
	}

	/**
	 * On stop: give queued messages what is left of the linger time to reach the socket,
	 * then let JeroMQ linger only for the rest, so closing takes at most the linger time
	 * in all.
	 */
	private void sendRemaining() throws IOException {
		long deadline = System.nanoTime() + this.settings.linger().toNanos();
		while (!this.outbound.isEmpty() && System.nanoTime() < deadline) {
			boolean room;
			this.access.lock();
			try {
				room = (this.access.events() & ZMQ.Poller.POLLOUT) != 0 && this.outbound.sendBatchTo(this.access.socket());
			}
			finally {
				this.access.unlock();
			}
			if (!room) {
				long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
				this.selector.select(Math.max(1, Math.min(left, 100)));
				this.selector.selectedKeys().clear();
			}
		}
		int unsent = this.outbound.size();
		if (unsent > 0) {
			logger.warn("Socket '" + this.settings.name() + "' closed with " + unsent + " messages its peers did not "
					+ "take within the linger time (" + Durations.format(this.settings.linger()) + ")");
		}
		this.access.lock();
		try {
			this.access.socket()
				.setLinger(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
		}
		finally {
			this.access.unlock();
		}
	}

	private void finish() {
		this.running = false;
		this.access.lock();
		try {
			this.access.close();
		}
		catch (RuntimeException ex) {
			logger.debug("Closing socket '" + this.settings.name() + "' failed", ex);
		}
		finally {
			this.access.unlock();
		}
		try {
			this.context.getContext().close(this.selector);
		}
		catch (RuntimeException ex) {
			// Closed with the context already.
		}
		this.finished = true;
		// Tasks queued while stopping meet the closed socket and complete exceptionally.
		runTasks();
	}

}
