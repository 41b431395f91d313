package dev.zmqkeepalive.socket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import dev.zmqkeepalive.event.ZmqSocketEvent;
import dev.zmqkeepalive.event.ZmqSocketEventDispatcher;
import dev.zmqkeepalive.event.ZmqSocketEventKind;

/**
 * One JeroMQ socket, safe to use from any thread, with the thread that owns it. The
 * owning thread ({@code zmq-<name>}, see {@link SocketLoop}) receives and delivers
 * inbound messages to the listeners, hands over messages that had to wait, runs
 * {@linkplain #execute tasks} and watches for silence and stalled connects.
 *
 * <p>
 * A sender that finds the socket free sends on its own thread, under the socket's lock
 * ({@link SocketAccess}), with no hand-off; one that finds it busy or full puts the
 * message on the bounded {@link OutboundQueue}, which keeps each sender's messages in
 * order (see {@link SocketSender}).
 *
 * <p>
 * A managed socket outlives the JeroMQ socket it wraps: {@link #requestStop() stopping}
 * closes the JeroMQ socket, and {@link #start starting} again opens a new one with the
 * same settings, customizers and listeners, binds and connects it again. The object, its
 * {@link #state() state} (counts carry on) and its listeners stay the same, so whoever
 * holds it (the template, health, meters, the application) uses the new JeroMQ socket
 * without doing anything. While stopped it refuses to send, at once.
 *
 * @author zmq-keepalive
 */
public final class ManagedSocket {

	private static final Log logger = LogFactory.getLog(ManagedSocket.class);

	/**
	 * How long opening again may wait for JeroMQ to release the closed socket: it closes
	 * the socket's listeners (and so frees their ports) on its I/O threads after the
	 * socket's close has returned.
	 */
	private static final Duration RELEASE_WAIT = Duration.ofSeconds(2);

	private final SocketSettings settings;

	private final ZContext context;

	private final List<ZmqSocketCustomizer> customizers;

	private final ZmqSocketEventDispatcher events;

	private final ThreadFactory threads;

	private final SocketState state;

	private final InboundDelivery inbound;

	private final boolean receives;

	/** The JeroMQ socket opened last, with everything that works on it. */
	private volatile Session session;

	private volatile boolean stopped;

	private boolean everStarted;

	private ManagedSocket(SocketSettings settings, ZContext context, List<ZmqSocketCustomizer> customizers,
			ZmqSocketEventDispatcher events, Clock clock, ThreadFactory threads) {
		this.settings = settings;
		this.context = context;
		this.customizers = List.copyOf(customizers);
		this.events = events;
		this.threads = threads;
		this.state = new SocketState(clock);
		this.inbound = new InboundDelivery(this.state);
		this.receives = settings.type().canReceive();
		this.session = new Session(SocketOpener.open(context, settings, this.customizers, events, this.state));
	}

	/**
	 * Open a socket: create it, apply every option, start monitoring it, then bind or
	 * connect its endpoints, all before any traffic can flow. Nothing is received or
	 * sent until {@link #start}.
	 * @param context the context to create the socket in
	 * @param settings effective settings
	 * @param customizers applied after the starter's options, before bind/connect
	 * @param events where monitor events go
	 * @param clock time source
	 * @param threads makes the owning thread and any helper thread
	 * @return the opened socket
	 * @throws ZmqBindException if an endpoint cannot be bound or connected
	 */
	public static ManagedSocket open(ZContext context, SocketSettings settings, List<ZmqSocketCustomizer> customizers,
			ZmqSocketEventDispatcher events, Clock clock, ThreadFactory threads) {
		return new ManagedSocket(settings, context, customizers, events, clock, threads);
	}

	/**
	 * Start the owning thread: from now on messages flow. A socket that was stopped is
	 * first opened again, as it was opened the first time (options, customizers,
	 * monitor, bind, connect), as soon as JeroMQ has released the closed socket and the
	 * ports it had bound (waiting up to 2 s for that).
	 * @param threads makes the owning thread, which is then named {@code zmq-<name>}
	 * @throws ZmqBindException if the socket was stopped and an endpoint cannot be bound
	 * or connected again (it then stays stopped)
	 */
	public synchronized void start(ThreadFactory threads) {
		if (this.stopped) {
			reopen();
		}
		Session current = this.session;
		if (current.owner != null) {
			return;
		}
		if (this.receives && !this.inbound.hasListeners() && !this.everStarted) {
			logger.warn("Socket '" + name() + "' receives messages but has no listener: they are counted and "
					+ "discarded. Add a @ZmqListener(socket = \"" + name() + "\") method.");
		}
		this.everStarted = true;
		Thread thread = threads.newThread(current.loop);
		thread.setName("zmq-" + name());
		current.owner = thread;
		thread.start();
		current.unresolved.start(threads);
	}

	private void reopen() {
		Session closed = this.session;
		if (!closed.awaitStop(this.settings.linger().plusSeconds(1))) {
			throw new IllegalStateException("Socket '" + name() + "' cannot be opened again: its previous JeroMQ "
					+ "socket has not finished closing (its owning thread still runs)");
		}
		closed.monitor.detach();
		long began = System.nanoTime();
		// Bound ports are free only once JeroMQ has destroyed the closed socket (see
		// PortRelease): binding before that failed with "address already in use" on most
		// restarts.
		boolean released = closed.monitor.awaitReleased(RELEASE_WAIT);
		long releasedAfter = System.nanoTime() - began;
		// And its listening channels are closed only at their selector's next turn.
		int held = PortRelease.awaitFree(this.settings.bind(),
				RELEASE_WAIT.minusNanos(System.nanoTime() - began).plusMillis(1));
		long portsFreeAfter = System.nanoTime() - began;
		this.state.socketReopening();
		try {
			this.session = new Session(
					SocketOpener.open(this.context, this.settings, this.customizers, this.events, this.state));
		}
		catch (RuntimeException ex) {
			this.state.socketStopped();
			throw ex;
		}
		this.stopped = false;
		if (logger.isInfoEnabled()) {
			logger.info("Socket '" + name() + "' opened again in " + Duration.ofNanos(System.nanoTime() - began).toMillis()
					+ " ms (" + (released ? "its previous socket was released after "
							+ Duration.ofNanos(releasedAfter).toMillis() + " ms"
							: "its previous socket was not released within " + Durations.format(RELEASE_WAIT))
					+ (this.settings.bind().isEmpty() ? "" : ", its ports free after "
							+ Duration.ofNanos(portsFreeAfter).toMillis() + " ms"
							+ ((held > 0) ? " (" + held + " still held)" : ""))
					+ ")");
		}
	}

	/**
	 * Stop receiving, hand what is queued to the socket, then close it: pending messages
	 * get up to the linger time to leave. Returns at once; see {@link #awaitStop}. The
	 * socket can be {@linkplain #start started} again.
	 */
	public synchronized void requestStop() {
		this.stopped = true;
		this.session.requestStop();
	}

	/**
	 * Wait for the owning thread to finish closing the socket.
	 * @param timeout how long to wait
	 * @return whether it finished in time
	 */
	public boolean awaitStop(Duration timeout) {
		Session current = this.session;
		boolean done = current.awaitStop(timeout);
		if (!done) {
			logger.warn("Socket '" + name() + "' did not stop within " + Durations.format(timeout)
					+ "; closing its context will release it");
		}
		else if (this.stopped) {
			current.monitor.detach();
			this.state.socketStopped();
		}
		return done;
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

	/** Whether the socket is stopped: it sends and receives nothing until started again. */
	public boolean isStopped() {
		return this.stopped;
	}

	public String name() {
		return this.settings.name();
	}

	public SocketSettings settings() {
		return this.settings;
	}

	public SocketState state() {
		return this.state;
	}

	/**
	 * The endpoints to show for this socket: those it connects to, or, for a binding
	 * socket, those it is bound to (wildcard ports resolved).
	 * @return the endpoints
	 */
	public List<String> endpoints() {
		return this.settings.connecting() ? this.settings.connect() : this.state.boundEndpoints();
	}

	/** The option values read back from the socket opened last, after it was configured. */
	public AppliedOptions appliedOptions() {
		return this.session.appliedOptions;
	}

	/**
	 * Failures caught inside the monitor hook of the socket opened last; anything but
	 * zero is a bug worth reporting.
	 */
	public long monitorFailures() {
		return this.session.monitor.failures();
	}

	/**
	 * Add a listener for inbound messages. Listeners added before {@link #start} see
	 * every message.
	 * @param listener the listener
	 */
	public void addListener(ZmqMessageListener listener) {
		if (!this.receives) {
			throw new IllegalArgumentException("Socket '" + name() + "' is a " + this.settings.type().id()
					+ " socket and receives nothing; listen on a sub, xpub, xsub or pull socket");
		}
		this.inbound.add(listener);
	}

	/**
	 * Send a message. When the socket is free and has room, the message is handed to
	 * JeroMQ on the calling thread; otherwise it is queued, waiting up to the send timeout
	 * for room in the queue (see {@link SocketSender}).
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
		Session current = this.session;
		if (this.stopped) {
			throw stoppedException();
		}
		try {
			current.sender.send(frames, current.owner);
		}
		catch (ZmqSendException ex) {
			Session now = this.session;
			if (now == current || this.stopped) {
				throw ex;
			}
			// Stopped and opened again while this send began on the closed socket, which
			// took nothing: send on the new one.
			now.sender.send(frames, now.owner);
		}
	}

	private ZmqSendException stoppedException() {
		return new ZmqSendException("Socket '" + name() + "' is stopped: its application context was stopped or is "
				+ "closing (a context that is started again opens it again)");
	}

	/**
	 * Run something with the JeroMQ socket on the thread that owns it, for options and
	 * operations the starter does not cover. Called on the owning thread (from a
	 * listener), it runs at once. Never keep the socket beyond the call.
	 * @param <T> result type
	 * @param action what to do
	 * @return the result, completed on the owning thread
	 */
	public <T extends @Nullable Object> CompletableFuture<T> execute(Function<ZMQ.Socket, T> action) {
		Session current = this.session;
		if (this.stopped) {
			CompletableFuture<T> result = new CompletableFuture<>();
			result.completeExceptionally(new IllegalStateException("Socket '" + name() + "' is stopped"));
			return result;
		}
		return current.execute(action);
	}

	/** Messages accepted from callers and not yet handed to the socket. */
	public int queuedMessages() {
		return this.session.outbound.size();
	}

	private void publish(ZmqSocketEventKind kind, Instant at) {
		this.state.eventOccurred(kind);
		this.events.offer(new ZmqSocketEvent(name(), name(), kind, String.join(",", endpoints()), null, at));
	}

	@Override
	public String toString() {
		return "ManagedSocket[" + name() + ", " + this.settings.type().id() + ", " + endpoints() + "]";
	}

	/**
	 * One opened JeroMQ socket and what works on it: opened when the managed socket is
	 * created and again on each start after a stop, never used again once closed.
	 */
	private final class Session {

		private final SocketMonitor monitor;

		private final AppliedOptions appliedOptions;

		private final SocketAccess access;

		private final OutboundQueue outbound;

		private final SocketLoop loop;

		private final SocketSender sender;

		private final UnresolvedConnects unresolved;

		private volatile @Nullable Thread owner;

		Session(SocketOpener.Opened opened) {
			SocketSettings settings = ManagedSocket.this.settings;
			SocketState state = ManagedSocket.this.state;
			this.monitor = opened.monitor();
			this.appliedOptions = opened.appliedOptions();
			this.access = new SocketAccess(opened.socket());
			this.outbound = new OutboundQueue(settings.sendQueueCapacity(), state);
			SilenceWatch silence = new SilenceWatch(settings.silenceTimeout(), state, ManagedSocket.this::publish);
			// JeroMQ reports a connect by its resolved address; naming the configured endpoint
			// may take a lookup, never on the owning thread.
			ConnectEndpoints connect = new ConnectEndpoints(settings, ManagedSocket.this.threads);
			ProtocolErrorReconnect afterProtocolErrors = new ProtocolErrorReconnect(settings, state,
					ManagedSocket.this.events, connect, this::runOnOwningThread);
			ConnectWatchdog watchdog = new ConnectWatchdog(settings, state, connect, this::runOnOwningThread,
					afterProtocolErrors);
			this.loop = new SocketLoop(settings, ManagedSocket.this.context, this.access, state, this.outbound,
					ManagedSocket.this.inbound, silence, watchdog);
			this.sender = new SocketSender(settings, this.access, this.outbound, state, this.loop);
			this.unresolved = new UnresolvedConnects(settings, state, this::runOnOwningThread);
			this.monitor.wakeOwnerOnAbandonedConnect(this.loop::wake);
		}

		void requestStop() {
			// Senders waiting for room are released now, not after their send timeout.
			this.outbound.close();
			this.unresolved.stop();
			if (this.owner == null) {
				if (!this.access.isClosed()) {
					// Never started: nobody else uses the socket.
					this.access.lock();
					try {
						this.access.close();
					}
					finally {
						this.access.unlock();
					}
					this.loop.discard();
				}
				return;
			}
			if (!this.loop.isFinished()) {
				this.loop.stop();
			}
		}

		boolean awaitStop(Duration timeout) {
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
			return !thread.isAlive();
		}

		<T extends @Nullable Object> CompletableFuture<T> execute(Function<ZMQ.Socket, T> action) {
			CompletableFuture<T> result = new CompletableFuture<>();
			Runnable task = () -> {
				this.access.lock();
				try {
					result.complete(action.apply(this.access.socket()));
				}
				catch (Throwable ex) {
					result.completeExceptionally(ex);
				}
				finally {
					this.access.unlock();
				}
			};
			if (Thread.currentThread() == this.owner) {
				task.run();
			}
			else {
				this.loop.submit(task);
			}
			return result;
		}

		/** For the watches of this socket only: never reaches a socket opened later. */
		private void runOnOwningThread(Consumer<ZMQ.Socket> action) {
			this.<@Nullable Void>execute((socket) -> {
				action.accept(socket);
				return null;
			});
		}

	}

}
