package dev.zmqkeepalive.socket;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZContext;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

import dev.zmqkeepalive.event.ZmqSocketEventDispatcher;

/**
 * Every managed socket, by name. Sockets are opened (configured, bound, connected) when
 * the registry is created, so a bad endpoint or a port in use fails the application at
 * startup with nothing left half-open; they start exchanging messages when the
 * application context starts and are closed, lingering at most their linger time, when
 * it stops.
 * <p>
 * A stopped registry can be started again ({@code ConfigurableApplicationContext.stop()}
 * then {@code start()}, or a JVM checkpoint and restore): every socket is opened again,
 * with the same settings, customizers, listeners and CURVE/ZAP set-up, and binds and
 * connects again. The {@link ManagedSocket} objects stay the same; the {@link ZContext}
 * is kept (it is closed when the application context is). Once {@linkplain #close()
 * closed} (the application context closed, or failed to start), the registry does not
 * start again.
 *
 * @author zmq-keepalive
 */
public class ManagedSocketRegistry implements SmartLifecycle, DisposableBean {

	private static final Log logger = LogFactory.getLog(ManagedSocketRegistry.class);

	/**
	 * Below the web server's phases (Spring Boot's
	 * {@code WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE}, {@code DEFAULT_PHASE
	 * - 1024}, and {@code START_STOP_LIFECYCLE_PHASE}, {@code DEFAULT_PHASE - 2048}):
	 * sockets start before the server takes requests and stop only after its graceful
	 * shutdown has drained the requests in flight and it has stopped, so a request can
	 * send until it is done. (In the graceful shutdown's own phase, sockets closed before
	 * the drain began.)
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private final Map<String, ManagedSocket> sockets;

	private final ZContext context;

	private final Collection<SocketSettings> settings;

	private final ZmqSocketEventDispatcher events;

	private final ThreadFactory threads;

	private @Nullable ZapHandler zap;

	private volatile boolean running;

	/** Whether the sockets were closed by a stop and must be opened again on start. */
	private boolean stopped;

	private volatile boolean closed;

	/**
	 * Open every socket.
	 * @param context the context sockets are created in
	 * @param settings one entry per socket
	 * @param customizers applied to every socket before bind/connect
	 * @param events where monitor events go
	 * @param clock time source
	 * @param threads makes the sockets' owning threads; they should not be daemon
	 * threads, so that an application whose only work is its sockets keeps running
	 * @throws ZmqBindException if an endpoint cannot be bound or connected (sockets
	 * already opened are closed again)
	 */
	public ManagedSocketRegistry(ZContext context, Collection<SocketSettings> settings,
			List<ZmqSocketCustomizer> customizers, ZmqSocketEventDispatcher events, Clock clock,
			ThreadFactory threads) {
		this(context, settings, customizers, events, clock, threads, null);
	}

	/**
	 * Open every socket, with a watch on the context's I/O threads.
	 * @param context the context sockets are created in
	 * @param settings one entry per socket
	 * @param customizers applied to every socket before bind/connect
	 * @param events where monitor events go
	 * @param clock time source
	 * @param threads makes the sockets' owning threads
	 * @param ioThreads marks every socket down if an I/O thread dies, or {@code null}
	 * @throws ZmqBindException if an endpoint cannot be bound or connected (sockets
	 * already opened are closed again)
	 */
	public ManagedSocketRegistry(ZContext context, Collection<SocketSettings> settings,
			List<ZmqSocketCustomizer> customizers, ZmqSocketEventDispatcher events, Clock clock,
			ThreadFactory threads, @Nullable IoThreadWatch ioThreads) {
		Map<String, ManagedSocket> opened = new LinkedHashMap<>();
		// Before any CURVE server binds: JeroMQ admits every client when no handler is bound.
		this.zap = ZapHandler.startIfNeeded(context, settings);
		try {
			for (SocketSettings socketSettings : settings) {
				ManagedSocket socket = ManagedSocket.open(context, socketSettings, customizers, events, clock,
						threads);
				opened.put(socketSettings.name(), socket);
				if (ioThreads != null) {
					ioThreads.watch(socket.state());
				}
			}
		}
		catch (RuntimeException ex) {
			opened.values().forEach((socket) -> socket.stop(Duration.ZERO));
			if (this.zap != null) {
				this.zap.close();
			}
			throw ex;
		}
		this.sockets = Collections.unmodifiableMap(opened);
		this.context = context;
		this.settings = List.copyOf(settings);
		this.events = events;
		this.threads = threads;
	}

	/**
	 * Threads that keep the JVM alive while sockets run, as a listener container's do:
	 * an application whose only work is receiving must not exit after startup.
	 * @return a factory of non-daemon threads
	 */
	public static ThreadFactory defaultThreadFactory() {
		return (runnable) -> {
			Thread thread = new Thread(runnable);
			thread.setDaemon(false);
			return thread;
		};
	}

	/**
	 * The socket with the given name.
	 * @param name the name under {@code zmq.keepalive.sockets}
	 * @return the socket
	 * @throws IllegalArgumentException if there is no such socket
	 */
	public ManagedSocket get(String name) {
		ManagedSocket socket = this.sockets.get(name);
		if (socket == null) {
			throw new IllegalArgumentException("No socket named '" + name + "'; declared sockets: "
					+ (this.sockets.isEmpty() ? "none" : String.join(", ", this.sockets.keySet())));
		}
		return socket;
	}

	/**
	 * The socket with the given name, if there is one.
	 * @param name the socket's name
	 * @return the socket, or {@code null}
	 */
	public @Nullable ManagedSocket find(String name) {
		return this.sockets.get(name);
	}

	/** Every socket, in declaration order. */
	public Collection<ManagedSocket> all() {
		return this.sockets.values();
	}

	/**
	 * Start every socket; sockets closed by {@link #stop()} are opened again first (the
	 * ZAP handler before them, as at startup).
	 * @throws ZmqBindException if a socket cannot bind or connect again (every socket is
	 * then left stopped, and a later start tries again)
	 * @throws IllegalStateException if the registry was closed
	 */
	@Override
	public synchronized void start() {
		if (this.closed) {
			throw new IllegalStateException("The ZeroMQ socket registry is closed (its application context closed or "
					+ "failed to start): its sockets cannot be started again");
		}
		if (this.running) {
			return;
		}
		try {
			if (this.stopped) {
				// Listeners are there (the context is only stopped): they hear of the reopening.
				this.events.startDelivery();
			}
			if (this.stopped && this.zap == null) {
				this.zap = ZapHandler.startIfNeeded(this.context, this.settings);
			}
			this.sockets.values().forEach((socket) -> socket.start(this.threads));
		}
		catch (RuntimeException ex) {
			this.events.pauseDelivery();
			closeSockets();
			throw ex;
		}
		this.stopped = false;
		this.events.startDelivery();
		this.running = true;
		if (logger.isInfoEnabled() && !this.sockets.isEmpty()) {
			List<String> summary = new ArrayList<>();
			for (ManagedSocket socket : this.sockets.values()) {
				summary.add(socket.name() + " (" + socket.settings().type().id() + " "
						+ (socket.settings().connecting() ? "-> " : "<- ") + socket.endpoints() + ")");
			}
			logger.info("Started ZeroMQ sockets: " + String.join(", ", summary));
		}
	}

	/**
	 * Stop every socket: each gets its linger time to hand over queued messages (closing
	 * never waits for unreachable peers beyond that), then its JeroMQ socket is closed,
	 * and so is the ZAP handler. Nothing of the registry's stays open but the context.
	 * {@link #start()} opens them again. Socket events are paused first: the sockets' own
	 * closing is not reported, as at shutdown (a startup that fails after the sockets
	 * started stops them too, before it tears the context down).
	 */
	@Override
	public synchronized void stop() {
		this.running = false;
		this.events.pauseDelivery();
		closeSockets();
	}

	/**
	 * Close every socket, started or not, for good. Sockets linger in parallel, so
	 * closing takes about the longest linger time, not their sum.
	 */
	public synchronized void close() {
		this.closed = true;
		this.running = false;
		// The context is closing, or a failed startup is tearing it down: listeners are
		// about to go, and hear of no socket event from now on.
		this.events.stopDelivery();
		closeSockets();
	}

	private void closeSockets() {
		this.stopped = true;
		this.sockets.values().forEach(ManagedSocket::requestStop);
		long longestLinger = this.sockets.values()
			.stream()
			.mapToLong((socket) -> socket.settings().linger().toMillis())
			.max()
			.orElse(0);
		long deadline = System.nanoTime() + Duration.ofMillis(longestLinger + 500).toNanos();
		for (ManagedSocket socket : this.sockets.values()) {
			socket.awaitStop(Duration.ofNanos(deadline - System.nanoTime()));
		}
		if (this.zap != null) {
			this.zap.close();
			this.zap = null;
		}
	}

	@Override
	public void destroy() {
		close();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
