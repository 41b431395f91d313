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
 * @author zmq-keepalive
 */
public final class ManagedSocket {

	private static final Log logger = LogFactory.getLog(ManagedSocket.class);

	private final SocketSettings settings;

	private final SocketState state;

	private final SocketMonitor monitor;

	private final ZmqSocketEventDispatcher events;

	private final AppliedOptions appliedOptions;

	private final SocketAccess access;

	private final OutboundQueue outbound;

	private final InboundDelivery inbound;

	private final SocketLoop loop;

	private final SocketSender sender;

	private final boolean receives;

	private final UnresolvedConnects unresolved;

	private volatile @Nullable Thread owner;

	private volatile boolean stopped;

	private ManagedSocket(SocketSettings settings, ZContext context, SocketOpener.Opened opened,
			ZmqSocketEventDispatcher events, ThreadFactory threads) {
		this.settings = settings;
		this.state = opened.state();
		this.monitor = opened.monitor();
		this.events = events;
		this.appliedOptions = opened.appliedOptions();
		this.access = new SocketAccess(opened.socket());
		this.outbound = new OutboundQueue(settings.sendQueueCapacity(), this.state);
		this.inbound = new InboundDelivery(this.state);
		this.receives = settings.type().canReceive();
		SilenceWatch silence = new SilenceWatch(settings.silenceTimeout(), this.state, this::publish);
		// JeroMQ reports a connect by its resolved address; naming the configured endpoint
		// may take a lookup, never on the owning thread.
		ConnectEndpoints connect = new ConnectEndpoints(settings, threads);
		ProtocolErrorReconnect afterProtocolErrors = new ProtocolErrorReconnect(settings, this.state, events, connect,
				this::runOnOwningThread);
		ConnectWatchdog watchdog = new ConnectWatchdog(settings, this.state, connect, this::runOnOwningThread,
				afterProtocolErrors);
		this.loop = new SocketLoop(settings, context, this.access, this.state, this.outbound, this.inbound, silence,
				watchdog);
		this.sender = new SocketSender(settings, this.access, this.outbound, this.state, this.loop);
		this.unresolved = new UnresolvedConnects(settings, this.state, this::runOnOwningThread);
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
		SocketOpener.Opened opened = SocketOpener.open(context, settings, customizers, events, clock);
		return new ManagedSocket(settings, context, opened, events, threads);
	}

	/**
	 * Start the owning thread: from now on messages flow.
	 * @param threads makes the owning thread, which is then named {@code zmq-<name>}
	 */
	public synchronized void start(ThreadFactory threads) {
		if (this.owner != null || this.stopped) {
			return;
		}
		if (this.receives && !this.inbound.hasListeners()) {
			logger.warn("Socket '" + name() + "' receives messages but has no listener: they are counted and "
					+ "discarded. Add a @ZmqListener(socket = \"" + name() + "\") method.");
		}
		Thread thread = threads.newThread(this.loop);
		thread.setName("zmq-" + name());
		this.owner = thread;
		thread.start();
		this.unresolved.start(threads);
	}

	/**
	 * Stop receiving, hand what is queued to the socket, then close it: pending messages
	 * get up to the linger time to leave. Returns at once; see {@link #awaitStop}.
	 */
	public synchronized void requestStop() {
		this.stopped = true;
		// Senders waiting for room are released now, not after their send timeout.
		this.outbound.close();
		this.unresolved.stop();
		if (this.owner == null) {
			// Never started: nobody else uses the socket.
			this.access.lock();
			try {
				this.access.close();
			}
			finally {
				this.access.unlock();
			}
			this.loop.discard();
			return;
		}
		this.loop.stop();
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
			logger.warn("Socket '" + name() + "' did not stop within " + Durations.format(timeout)
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

	/** The option values read back from the socket after it was configured. */
	public AppliedOptions appliedOptions() {
		return this.appliedOptions;
	}

	/** Failures caught inside the monitor hook; anything but zero is a bug worth reporting. */
	public long monitorFailures() {
		return this.monitor.failures();
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
		if (this.stopped) {
			throw stoppedException();
		}
		this.sender.send(frames, this.owner);
	}

	private ZmqSendException stoppedException() {
		return new ZmqSendException("Socket '" + name() + "' is stopped");
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
		CompletableFuture<T> result = new CompletableFuture<>();
		if (this.stopped) {
			result.completeExceptionally(new IllegalStateException("Socket '" + name() + "' is stopped"));
			return result;
		}
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

	private void runOnOwningThread(Consumer<ZMQ.Socket> action) {
		this.<@Nullable Void>execute((socket) -> {
			action.accept(socket);
			return null;
		});
	}

	/** Messages accepted from callers and not yet handed to the socket. */
	public int queuedMessages() {
		return this.outbound.size();
	}

	private void publish(ZmqSocketEventKind kind, Instant at) {
		this.state.eventOccurred(kind);
		this.events.offer(new ZmqSocketEvent(name(), name(), kind, String.join(",", endpoints()), null, at));
	}

	@Override
	public String toString() {
		return "ManagedSocket[" + name() + ", " + this.settings.type().id() + ", " + endpoints() + "]";
	}

}
