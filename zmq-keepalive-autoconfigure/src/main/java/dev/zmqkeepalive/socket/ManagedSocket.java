package dev.zmqkeepalive.socket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.Selector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import dev.zmqkeepalive.event.ZmqSocketEvent;
import dev.zmqkeepalive.event.ZmqSocketEventDispatcher;
import dev.zmqkeepalive.event.ZmqSocketEventKind;
import dev.zmqkeepalive.listener.ZmqMessage;
import dev.zmqkeepalive.listener.ZmqMessageListener;
import zmq.ZError;

/**
 * One JeroMQ socket and the thread that owns it. JeroMQ sockets are not thread-safe, so
 * after it is opened only the owning thread ({@code zmq-<name>}) touches the socket: it
 * hands queued messages to the socket, receives and delivers inbound messages to the
 * listeners, runs {@linkplain #execute tasks} and watches for silence. Other threads
 * only put messages on the bounded send queue and wake the owner through a pipe it
 * polls together with the socket.
 *
 * @author zmq-keepalive
 */
public final class ManagedSocket {

	private static final Log logger = LogFactory.getLog(ManagedSocket.class);

	/** Messages handled per turn before the owner looks at the other direction. */
	private static final int BATCH = 1024;

	private static final long MAX_POLL_MILLIS = 1000;

	private final SocketSettings settings;

	private final ZContext context;

	private final ZMQ.Socket socket;

	private final SocketState state;

	private final SocketMonitor monitor;

	private final ZmqSocketEventDispatcher events;

	private final AppliedOptions appliedOptions;

	private final BlockingQueue<OutboundMessage> sendQueue;

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	private final List<ZmqMessageListener> listeners = new CopyOnWriteArrayList<>();

	private final Pipe wakeup;

	private final AtomicBoolean sleeping = new AtomicBoolean();

	private volatile @Nullable Thread owner;

	private volatile boolean running;

	private volatile boolean stopped;

	/**
	 * Messages taken from the send queue in one batch (one lock round-trip for many
	 * messages) and not yet handed to the socket. Owner only.
	 */
	private final java.util.ArrayDeque<OutboundMessage> drained = new java.util.ArrayDeque<>(BATCH);

	/** Size of {@link #drained}, readable from any thread. */
	private volatile int drainedCount;

	private ManagedSocket(SocketSettings settings, ZContext context, ZMQ.Socket socket, SocketState state,
			SocketMonitor monitor, ZmqSocketEventDispatcher events, AppliedOptions appliedOptions, Pipe wakeup) {
		this.settings = settings;
		this.context = context;
		this.socket = socket;
		this.state = state;
		this.monitor = monitor;
		this.events = events;
		this.appliedOptions = appliedOptions;
		this.sendQueue = new ArrayBlockingQueue<>(settings.sendQueueCapacity());
		this.wakeup = wakeup;
	}

	/**
	 * Create a socket, apply every option, start monitoring it, then bind or connect its
	 * endpoints, all before any traffic can flow (JeroMQ copies options such as
	 * heartbeats into each connection when it is made). Nothing is received or sent until
	 * {@link #start()}.
	 * @param context the context to create the socket in
	 * @param settings effective settings
	 * @param customizers applied after the starter's options, before bind/connect
	 * @param events where monitor events go
	 * @param clock time source
	 * @return the opened socket
	 * @throws ZmqBindException if an endpoint cannot be bound or connected
	 */
	public static ManagedSocket open(ZContext context, SocketSettings settings, List<ZmqSocketCustomizer> customizers,
			ZmqSocketEventDispatcher events, Clock clock) {
		ZMQ.Socket socket = context.createSocket(settings.type().jeromqType());
		Pipe wakeup = null;
		try {
			SocketOptions.apply(settings, socket);
			for (ZmqSocketCustomizer customizer : customizers) {
				customizer.customize(settings, socket);
			}
			AppliedOptions applied = AppliedOptions.readFrom(socket);
			SocketState state = new SocketState(clock);
			SocketMonitor monitor = new SocketMonitor(settings.name(), state, events);
			socket.base().setEventHook(monitor, ZmqSocketEventKind.monitorMask());
			wakeup = Pipe.open();
			wakeup.source().configureBlocking(false);
			wakeup.sink().configureBlocking(false);
			ManagedSocket managed = new ManagedSocket(settings, context, socket, state, monitor, events, applied,
					wakeup);
			managed.attachEndpoints();
			return managed;
		}
		catch (IOException ex) {
			closeQuietly(socket, wakeup);
			throw new IllegalStateException("Could not open wake-up pipe for socket '" + settings.name() + "'", ex);
		}
		catch (RuntimeException ex) {
			closeQuietly(socket, wakeup);
			throw ex;
		}
	}

	private void attachEndpoints() {
		String prefix = "zmq.keepalive.sockets." + this.settings.name();
		for (int i = 0; i < this.settings.bind().size(); i++) {
			String endpoint = this.settings.bind().get(i);
			try {
				this.socket.bind(endpoint);
			}
			catch (RuntimeException ex) {
				throw new ZmqBindException(this.settings.name(), prefix + ".bind[" + i + "]", endpoint, reason(ex), ex);
			}
			this.state.endpointBound(this.socket.getLastEndpoint());
		}
		for (int i = 0; i < this.settings.connect().size(); i++) {
			String endpoint = this.settings.connect().get(i);
			try {
				this.socket.connect(endpoint);
			}
			catch (RuntimeException ex) {
				throw new ZmqBindException(this.settings.name(), prefix + ".connect[" + i + "]", endpoint, reason(ex),
						ex);
			}
		}
	}

	private static String reason(RuntimeException ex) {
		if (ex instanceof ZMQException zmq) {
			int code = zmq.getErrorCode();
			if (code == ZError.EADDRINUSE) {
				return "address already in use";
			}
			if (code == ZError.EADDRNOTAVAIL) {
				return "address not available on this host";
			}
			return ZError.toString(code);
		}
		return String.valueOf(ex.getMessage());
	}

	private static void closeQuietly(ZMQ.Socket socket, @Nullable Pipe wakeup) {
		try {
			socket.setLinger(0);
			socket.close();
		}
		catch (RuntimeException ex) {
			// Already failing; the original exception is what matters.
		}
		if (wakeup != null) {
			closeQuietly(wakeup);
		}
	}

	private static void closeQuietly(Pipe pipe) {
		try {
			pipe.source().close();
			pipe.sink().close();
		}
		catch (IOException ex) {
			// Nothing left to release.
		}
	}

	/** Start the owning thread: from now on messages flow. */
	public synchronized void start() {
		if (this.owner != null) {
			return;
		}
		if (this.settings.type().canReceive() && this.listeners.isEmpty()) {
			logger.warn("Socket '" + this.settings.name() + "' receives messages but has no listener: they are "
					+ "counted and discarded. Add a @ZmqListener(socket = \"" + this.settings.name() + "\") method.");
		}
		this.running = true;
		Thread thread = new Thread(this::run, "zmq-" + this.settings.name());
		thread.setDaemon(true);
		this.owner = thread;
		thread.start();
	}

	/**
	 * Stop receiving, hand what is queued to the socket, then close it: pending messages
	 * get up to the linger time to leave. Returns at once; see {@link #awaitStop}.
	 */
	public synchronized void requestStop() {
		this.running = false;
		this.stopped = true;
		if (this.owner == null) {
			// Never started: the socket still belongs to the thread that opened it.
			closeQuietly(this.socket, this.wakeup);
			return;
		}
		signal();
	}

	/**
	 * Wait for the owning thread to finish closing the socket.
	 * @param timeout how long to wait
	 * @return whether it finished in time
	 */
	public boolean awaitStop(Duration timeout) {
		Thread thread = this.owner;
		if (thread == null) {
			return true;
		}
		try {
			thread.join(Math.max(1, timeout.toMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (thread.isAlive()) {
			logger.warn("Socket '" + this.settings.name() + "' did not stop within " + Durations.format(timeout)
					+ "; closing its context will release it");
			return false;
		}
		return true;
	}

	/**
	 * Stop and wait.
	 * @param timeout how long to wait for the owning thread
	 * @see #requestStop()
	 */
	public void stop(Duration timeout) {
		requestStop();
		awaitStop(timeout);
	}

	// ---- API for any thread ----

	public String name() {
		return this.settings.name();
	}

	public SocketSettings settings() {
		return this.settings;
	}

	public SocketState state() {
		return this.state;
	}

	/** The option values read back from the socket after it was configured. */
	public AppliedOptions appliedOptions() {
		return this.appliedOptions;
	}

	/** Failures caught inside the monitor hook; anything but zero is a bug worth reporting. */
	public long monitorFailures() {
		return this.monitor.failures();
	}

	/**
	 * Add a listener for inbound messages. Listeners added before {@link #start()} see
	 * every message.
	 * @param listener the listener
	 */
	public void addListener(ZmqMessageListener listener) {
		if (!this.settings.type().canReceive()) {
			throw new IllegalArgumentException("Socket '" + name() + "' is a " + this.settings.type().id()
					+ " socket and receives nothing; listen on a sub, xpub, xsub or pull socket");
		}
		this.listeners.add(listener);
	}

	/**
	 * Queue a message for sending, waiting up to the send timeout for room in the queue.
	 * @param frames the frames, in order (at least one)
	 * @throws ZmqSendException if the socket cannot send, is stopped, or the queue stayed
	 * full
	 */
	public void send(byte[]... frames) {
		if (!this.settings.type().canSend()) {
			throw new ZmqSendException("Socket '" + name() + "' is a " + this.settings.type().id()
					+ " socket and cannot send; send on a pub, xpub, xsub or push socket");
		}
		if (frames.length == 0) {
			throw new IllegalArgumentException("A message needs at least one frame");
		}
		if (this.stopped) {
			throw new ZmqSendException("Socket '" + name() + "' is stopped");
		}
		OutboundMessage message = new OutboundMessage(frames);
		boolean queued = this.sendQueue.offer(message);
		if (!queued) {
			try {
				queued = this.sendQueue.offer(message, this.settings.sendTimeout().toNanos(), TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new ZmqSendException("Interrupted while waiting for room in the send queue of '" + name() + "'");
			}
			if (!queued) {
				throw new ZmqSendException("Send queue of socket '" + name() + "' stayed full ("
						+ this.settings.sendQueueCapacity() + " messages) for " + Durations.format(this.settings.sendTimeout())
						+ ": its peers do not keep up. Raise zmq.keepalive.sockets." + name()
						+ ".send-queue-capacity or .send-timeout, or slow down");
			}
		}
		wake();
	}

	/**
	 * Run something with the JeroMQ socket on the thread that owns it, for options and
	 * operations the starter does not cover. Never keep the socket beyond the call.
	 * @param <T> result type
	 * @param action what to do
	 * @return the result, completed on the owning thread
	 */
	public <T> CompletableFuture<T> execute(Function<ZMQ.Socket, T> action) {
		CompletableFuture<T> result = new CompletableFuture<>();
		if (this.stopped) {
			result.completeExceptionally(new IllegalStateException("Socket '" + name() + "' is stopped"));
			return result;
		}
		this.tasks.add(() -> {
			try {
				result.complete(action.apply(this.socket));
			}
			catch (Throwable ex) {
				result.completeExceptionally(ex);
			}
		});
		wake();
		return result;
	}

	/** Messages accepted from callers and not yet handed to the socket. */
	public int queuedMessages() {
		return this.sendQueue.size() + this.drainedCount;
	}

	// ---- the owning thread ----

	private void run() {
		Selector selector = this.context.getContext().selector();
		try {
			ZMQ.PollItem wake = new ZMQ.PollItem(this.wakeup.source(), ZMQ.Poller.POLLIN);
			// The socket is polled even when it cannot receive: polling is what makes JeroMQ
			// process the socket's commands (a new peer's pipe, a departed peer's session). An
			// idle pub or push socket that only waited on its wake-up pipe kept every departed
			// peer's session and pipes until its next send. POLLIN never fires on such a
			// socket; its mailbox wakes the poll, which processes the commands.
			ZMQ.PollItem[] waitForInput = new ZMQ.PollItem[] { new ZMQ.PollItem(this.socket, ZMQ.Poller.POLLIN),
					wake };
			ZMQ.PollItem[] waitForRoom = new ZMQ.PollItem[] { new ZMQ.PollItem(this.socket,
					ZMQ.Poller.POLLOUT | (this.settings.type().canReceive() ? ZMQ.Poller.POLLIN : 0)), wake };
			while (this.running) {
				runTasks();
				restartStalledConnects();
				boolean roomLeft = sendQueued();
				boolean moreInput = receive();
				watchSilence();
				if (moreInput || (roomLeft && !this.sendQueue.isEmpty())) {
					continue;
				}
				this.sleeping.set(true);
				// Re-check after announcing sleep: a sender that queued in between saw
				// sleeping == false and did not wake us.
				if (this.running && this.tasks.isEmpty() && !(roomLeft && !this.sendQueue.isEmpty())) {
					ZMQ.poll(selector, roomLeft ? waitForInput : waitForRoom, pollTimeoutMillis());
				}
				this.sleeping.set(false);
				drainWakeup();
			}
			sendRemaining(selector);
		}
		catch (ZMQException ex) {
			if (ex.getErrorCode() != ZError.ETERM) {
				logger.error("Socket '" + name() + "' stopped on an error", ex);
			}
		}
		catch (Throwable ex) {
			logger.error("Socket '" + name() + "' stopped on an error", ex);
		}
		finally {
			this.stopped = true;
			runTasks();
			try {
				this.socket.close();
			}
			catch (RuntimeException ex) {
				logger.debug("Closing socket '" + name() + "' failed", ex);
			}
			this.context.getContext().close(selector);
			closeQuietly(this.wakeup);
			// Tasks queued while stopping meet a closed socket and complete exceptionally.
			runTasks();
		}
	}

	private void runTasks() {
		Runnable task;
		while ((task = this.tasks.poll()) != null) {
			task.run();
		}
	}

	/**
	 * Hand queued messages to the socket without blocking.
	 * @return {@code false} if the socket has no room (high-water mark reached)
	 */
	private boolean sendQueued() {
		if (this.drained.isEmpty()) {
			this.sendQueue.drainTo(this.drained, BATCH);
		}
		int sent = 0;
		boolean room = true;
		OutboundMessage message;
		while ((message = this.drained.peek()) != null) {
			if (!message.sendTo(this.socket)) {
				room = false;
				break;
			}
			this.drained.poll();
			sent++;
		}
		this.drainedCount = this.drained.size();
		if (sent > 0) {
			this.state.messagesSent(sent, this.state.now());
		}
		return room;
	}

	/**
	 * Receive what is waiting, up to one batch, and deliver it.
	 * @return {@code true} if there may be more waiting
	 */
	private boolean receive() {
		if (!this.settings.type().canReceive()) {
			return false;
		}
		for (int i = 0; i < BATCH; i++) {
			byte[] first = this.socket.recv(ZMQ.DONTWAIT);
			if (first == null) {
				return false;
			}
			List<byte[]> frames = receiveRest(first);
			Instant now = this.state.now();
			this.state.messageReceived(now);
			if (this.state.isSilent()) {
				this.state.silent(false);
				publish(ZmqSocketEventKind.RESUMED, now);
			}
			deliver(new ZmqMessage(name(), frames, now));
		}
		return true;
	}

	private List<byte[]> receiveRest(byte[] first) {
		if (!this.socket.hasReceiveMore()) {
			return List.of(first);
		}
		byte[] second = this.socket.recv(0);
		if (!this.socket.hasReceiveMore()) {
			// The usual topic + payload: an immutable list ZmqMessage does not copy again.
			return List.of(first, second);
		}
		List<byte[]> frames = new ArrayList<>();
		frames.add(first);
		frames.add(second);
		while (this.socket.hasReceiveMore()) {
			frames.add(this.socket.recv(0));
		}
		return frames;
	}

	private void deliver(ZmqMessage message) {
		for (ZmqMessageListener listener : this.listeners) {
			try {
				listener.onMessage(message);
			}
			catch (Throwable ex) {
				this.state.listenerFailed();
				logger.error("Listener " + listener + " failed on " + message + "; the socket goes on receiving", ex);
			}
		}
	}

	/**
	 * JeroMQ has no connect timeout: after a path comes back, a connect that was started
	 * into a black hole waits for the kernel's next SYN retransmission, up to a minute or
	 * more. A connect unanswered for longer than the connect timeout is started again, so a
	 * returning path is found within about that time. Only for sockets that send nothing
	 * of their own (sub, pull, and xsub whose subscriptions are sent again): restarting a
	 * connect drops what was queued for that peer.
	 */
	private void restartStalledConnects() {
		if (this.settings.type().canSend() && this.settings.type() != ZmqSocketType.XSUB) {
			return;
		}
		Map<String, Instant> pending = this.state.pendingConnects();
		if (pending.isEmpty()) {
			return;
		}
		Instant now = this.state.now();
		Duration timeout = this.settings.reconnect().connectTimeout();
		for (Map.Entry<String, Instant> connect : pending.entrySet()) {
			if (Duration.between(connect.getValue(), now).compareTo(timeout) <= 0) {
				continue;
			}
			this.state.connectSettled(connect.getKey());
			String configured = configuredEndpoint(connect.getKey());
			if (configured != null) {
				logger.info("Socket '" + name() + "': connect to " + connect.getKey() + " unanswered for "
						+ Durations.format(timeout) + " (connect-timeout), starting it again");
				this.socket.disconnect(configured);
				this.socket.connect(configured);
			}
		}
	}

	/** The configured connect endpoint JeroMQ reports as the given (resolved) one. */
	private @Nullable String configuredEndpoint(String reported) {
		List<String> connect = this.settings.connect();
		if (connect.size() == 1 || connect.contains(reported)) {
			return connect.contains(reported) ? reported : connect.get(0);
		}
		for (String endpoint : connect) {
			int colon = endpoint.lastIndexOf(':');
			if (!endpoint.startsWith("tcp://") || colon < 0) {
				continue;
			}
			String host = endpoint.substring("tcp://".length(), colon);
			String port = endpoint.substring(colon);
			try {
				for (java.net.InetAddress address : java.net.InetAddress.getAllByName(host)) {
					if (reported.equals("tcp://" + address.getHostAddress() + port)) {
						return endpoint;
					}
				}
			}
			catch (java.net.UnknownHostException ex) {
				// Not this one.
			}
		}
		return null;
	}

	private void watchSilence() {
		Duration timeout = this.settings.silenceTimeout();
		if (timeout != null && !this.state.isSilent() && this.state.quietFor(true).compareTo(timeout) > 0) {
			this.state.silent(true);
			publish(ZmqSocketEventKind.SILENT, this.state.now());
		}
	}

	private long pollTimeoutMillis() {
		Duration timeout = this.settings.silenceTimeout();
		if (timeout == null || this.state.isSilent()) {
			return MAX_POLL_MILLIS;
		}
		long remaining = timeout.minus(this.state.quietFor(true)).toMillis() + 1;
		return Math.max(1, Math.min(MAX_POLL_MILLIS, remaining));
	}

	private void publish(ZmqSocketEventKind kind, Instant at) {
		this.state.eventOccurred(kind);
		this.events.offer(new ZmqSocketEvent(name(), name(), kind, String.join(",", this.settings.endpoints()), null, at));
	}

	/**
	 * On stop: give queued messages what is left of the linger time to reach the socket,
	 * then let JeroMQ linger only for the rest, so closing takes at most the linger time
	 * in all.
	 */
	private void sendRemaining(Selector selector) {
		long deadline = System.nanoTime() + this.settings.linger().toNanos();
		ZMQ.PollItem[] waitForRoom = { new ZMQ.PollItem(this.socket, ZMQ.Poller.POLLOUT) };
		while (queuedMessages() > 0 && System.nanoTime() < deadline) {
			if (!sendQueued()) {
				long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
				ZMQ.poll(selector, waitForRoom, Math.max(1, Math.min(left, 100)));
			}
		}
		int unsent = queuedMessages();
		if (unsent > 0) {
			logger.warn("Socket '" + name() + "' closed with " + unsent + " messages its peers did not take within "
					+ "the linger time (" + Durations.format(this.settings.linger()) + ")");
		}
		this.socket.setLinger(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
	}

	private void wake() {
		if (this.sleeping.get() && this.sleeping.compareAndSet(true, false)) {
			signal();
		}
	}

	private void signal() {
		try {
			this.wakeup.sink().write(ByteBuffer.wrap(new byte[] { 1 }));
		}
		catch (IOException ex) {
			// Closed: the owner is gone and needs no waking. Full: a wake-up is pending.
		}
	}

	private void drainWakeup() {
		ByteBuffer buffer = ByteBuffer.allocate(64);
		try {
			while (this.wakeup.source().read(buffer) > 0) {
				buffer.clear();
			}
		}
		catch (IOException ex) {
			// Closed while stopping.
		}
	}

	@Override
	public String toString() {
		return "ManagedSocket[" + name() + ", " + this.settings.type().id() + ", " + this.settings.endpoints() + "]";
	}

	/** A message accepted from a caller, waiting for the owning thread. */
	private record OutboundMessage(byte[][] frames) {

		/**
		 * Hand every frame to the socket. Only the first frame can meet a full socket:
		 * once it is accepted, ZeroMQ takes the rest of the message.
		 */
		boolean sendTo(ZMQ.Socket socket) {
			int last = this.frames.length - 1;
			if (!socket.send(this.frames[0], (last > 0 ? ZMQ.SNDMORE : 0) | ZMQ.DONTWAIT)) {
				return false;
			}
			for (int i = 1; i <= last; i++) {
				socket.send(this.frames[i], (i < last) ? ZMQ.SNDMORE : 0);
			}
			return true;
		}

	}

}
