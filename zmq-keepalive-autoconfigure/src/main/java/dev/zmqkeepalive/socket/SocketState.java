package dev.zmqkeepalive.socket;

import java.nio.channels.SelectableChannel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

import dev.zmqkeepalive.event.ZmqSocketEventKind;

/**
 * The live state of one managed socket: its connections and peers, message traffic and
 * event counts. It lives as long as the managed socket, across stops and starts: counts
 * go on adding up (meters read them as counters), while what belongs to one opened
 * JeroMQ socket (connections, peers, bound endpoints, connects in progress) starts
 * afresh when the socket is opened again. Written by the socket's monitor (on a JeroMQ I/O thread) and its owning
 * thread; read from any thread by health, metrics and the actuator endpoint. Every
 * update is a non-blocking field write or map operation, safe on an I/O thread.
 *
 * @author zmq-keepalive
 */
public final class SocketState {

	private static final long NEVER = Long.MIN_VALUE;

	private static final Duration STALE_CLOSED_BEFORE_OPENED = Duration.ofMinutes(1);

	private final Clock clock;

	private volatile Instant startedAt;

	private final Map<SelectableChannel, PeerConnection> connections = new ConcurrentHashMap<>();

	// How many of the connections are live, kept up to date with them: health, the peers
	// gauge and every close ask, and counting them on each close cost the I/O thread a walk
	// over all of a storm's thousands of connections per close.
	private final AtomicInteger livePeers = new AtomicInteger();

	/**
	 * Connections that ended before JeroMQ reported them opened, with when. JeroMQ reports
	 * CONNECTED/ACCEPTED from the connecter's or listener's I/O thread after handing the
	 * connection to its session, which may run on another I/O thread: with several I/O
	 * threads the session's events can come first.
	 */
	private final Map<SelectableChannel, Instant> closedBeforeOpened = new ConcurrentHashMap<>();

	/** Connections whose handshake was reported before they were reported opened. */
	private final Set<SelectableChannel> notReportedOpened = ConcurrentHashMap.newKeySet();

	/** Per kind, by ordinal. */
	private final LongAdder[] eventCounts;

	private final LongAdder messagesIn = new LongAdder();

	private final LongAdder messagesOut = new LongAdder();

	private final LongAdder listenerFailures = new LongAdder();

	private final LongAdder reconnects = new LongAdder();

	private final AtomicInteger unrecoveredLosses = new AtomicInteger();

	private final List<String> boundEndpoints = new CopyOnWriteArrayList<>();

	/** Connect endpoints whose host did not resolve, with when that was first seen. */
	private final Map<String, Instant> unresolvedConnects = new ConcurrentHashMap<>();

	/** Connects in progress (CONNECT_DELAYED) by the endpoint JeroMQ reports. */
	private final Map<String, Instant> pendingConnects = new ConcurrentHashMap<>();

	private final Map<String, AbandonedConnect> abandonedConnects = new ConcurrentHashMap<>();

	private volatile @Nullable String ioFailure;

	private volatile @Nullable Instant lastMessageIn;

	/**
	 * Epoch milliseconds of the last message out, {@link #NEVER} before the first: a
	 * clock read without an allocation, since every send on a sender's thread sets it.
	 */
	private volatile long lastMessageOutMillis = NEVER;

	private volatile @Nullable Instant lastPeerLostAt;

	private volatile boolean everHadPeer;

	private volatile boolean silent;

	private volatile boolean stopped;

	public SocketState(Clock clock) {
		this.clock = clock;
		this.startedAt = clock.instant();
		this.eventCounts = new LongAdder[ZmqSocketEventKind.values().length];
		for (int i = 0; i < this.eventCounts.length; i++) {
			this.eventCounts[i] = new LongAdder();
		}
	}

	/** The current time by the clock this state is kept with. */
	public Instant now() {
		return this.clock.instant();
	}

	// ---- written by the monitor hook (I/O thread) ----

	void connectionOpened(SelectableChannel channel, String endpoint, @Nullable String remoteAddress, Instant at) {
		if (this.closedBeforeOpened.remove(channel) != null) {
			// Reported late: the connection is over already.
			return;
		}
		this.notReportedOpened.remove(channel);
		// Kept if its handshake was reported first (see closedBeforeOpened).
		this.connections.putIfAbsent(channel, new PeerConnection(channel, endpoint, remoteAddress, at));
	}

	/**
	 * JeroMQ reports a completed handshake by endpoint only, so it is matched to the
	 * oldest connection of that endpoint still waiting for one.
	 */
	@Nullable PeerConnection handshakeSucceeded(String endpoint, Instant at) {
		@Nullable PeerConnection oldest = null;
		for (PeerConnection connection : this.connections.values()) {
			if (!connection.isLive() && connection.endpoint().equals(endpoint)
					&& (oldest == null || connection.connectedAt().isBefore(oldest.connectedAt()))) {
				oldest = connection;
			}
		}
		if (oldest != null) {
			oldest.handshakeDone(at);
			this.livePeers.incrementAndGet();
			this.everHadPeer = true;
			if (this.unrecoveredLosses.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
				this.reconnects.increment();
			}
		}
		return oldest;
	}

	/**
	 * The patched JeroMQ names the connection whose handshake (security mechanism
	 * included) completed.
	 * @param channel the connection's channel
	 * @param endpoint the endpoint JeroMQ reports, for a connection not reported opened yet
	 * @param remoteAddress the peer's address, for a connection not reported opened yet
	 * @param at when
	 * @return the connection, now live
	 */
	PeerConnection handshakeSucceeded(SelectableChannel channel, String endpoint, @Nullable String remoteAddress,
			Instant at) {
		// Not reported opened yet when its session runs on another I/O thread: it is
		// recorded now, so that its end is known to be a peer's.
		PeerConnection connection = this.connections.computeIfAbsent(channel, (early) -> {
			this.notReportedOpened.add(early);
			return new PeerConnection(early, endpoint, remoteAddress, at);
		});
		if (!connection.isLive()) {
			connection.handshakeDone(at);
			this.livePeers.incrementAndGet();
			this.everHadPeer = true;
			if (this.unrecoveredLosses.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
				this.reconnects.increment();
			}
		}
		return connection;
	}

	/**
	 * A protocol error ended a connection of the endpoint; on a connecting socket JeroMQ
	 * gives the endpoint up, and the owner connects it again.
	 * @param endpoint the endpoint JeroMQ reports
	 * @param at when
	 * @param liveSince when the failed connection became a peer, or {@code null}
	 */
	void connectAbandoned(String endpoint, Instant at, @Nullable Instant liveSince) {
		this.abandonedConnects.put(endpoint, new AbandonedConnect(at, liveSince));
	}

	/** Connect endpoints JeroMQ gave up after a protocol error, by reported endpoint. */
	Map<String, AbandonedConnect> abandonedConnects() {
		return this.abandonedConnects;
	}

	/**
	 * A connect endpoint JeroMQ gave up.
	 *
	 * @param at when the protocol error happened
	 * @param liveSince when the failed connection had become a peer, or {@code null}
	 */
	record AbandonedConnect(Instant at, @Nullable Instant liveSince) {
	}

	/**
	 * A connection ended.
	 * @param channel its channel
	 * @param at when
	 * @return the connection, or {@code null} if it was never reported opened (nor its
	 * handshake done): it was no peer
	 */
	@Nullable PeerConnection connectionClosed(SelectableChannel channel, Instant at) {
		PeerConnection removed = this.connections.remove(channel);
		if (removed == null || this.notReportedOpened.remove(channel)) {
			rememberClosedBeforeOpened(channel, at);
		}
		if (removed != null && removed.isLive()) {
			this.unrecoveredLosses.incrementAndGet();
			if (this.livePeers.decrementAndGet() == 0) {
				this.lastPeerLostAt = at;
			}
		}
		return removed;
	}

	private void rememberClosedBeforeOpened(SelectableChannel channel, Instant at) {
		// Its CONNECTED/ACCEPTED follows within moments; one that never comes (a JeroMQ
		// that reports ends of connections it never reported opened) must not pile up.
		Instant stale = at.minus(STALE_CLOSED_BEFORE_OPENED);
		this.closedBeforeOpened.values().removeIf((closed) -> closed.isBefore(stale));
		this.closedBeforeOpened.put(channel, at);
	}

	void connectPending(String endpoint, Instant since) {
		this.pendingConnects.putIfAbsent(endpoint, since);
	}

	void connectSettled(String endpoint) {
		this.pendingConnects.remove(endpoint);
	}

	/** Connects in progress, by the endpoint JeroMQ reports, with when they started. */
	Map<String, Instant> pendingConnects() {
		return this.pendingConnects;
	}

	// ---- written when connecting (opening thread, owning thread) ----

	void hostUnresolved(String endpoint) {
		this.unresolvedConnects.putIfAbsent(endpoint, now());
	}

	/** @return whether the endpoint was waiting for its host to resolve */
	boolean hostResolved(String endpoint) {
		return this.unresolvedConnects.remove(endpoint) != null;
	}

	void eventOccurred(ZmqSocketEventKind kind) {
		this.eventCounts[kind.ordinal()].increment();
	}

	// ---- written by the owning thread ----

	void endpointBound(String endpoint) {
		this.boundEndpoints.add(endpoint);
	}

	void messageReceived(Instant at) {
		this.messagesIn.increment();
		this.lastMessageIn = at;
	}

	void messagesSent(int count) {
		this.messagesOut.add(count);
		this.lastMessageOutMillis = this.clock.millis();
	}

	void listenerFailed() {
		this.listenerFailures.increment();
	}

	void silent(boolean silent) {
		this.silent = silent;
	}

	// ---- written when the socket stops and when it opens again (lifecycle thread) ----

	/**
	 * The JeroMQ socket is closed: nothing it had (connections, peers, bound endpoints,
	 * connects in progress) exists any more. Counts are kept.
	 */
	void socketStopped() {
		this.stopped = true;
		forgetOpenSocket();
	}

	/**
	 * A new JeroMQ socket is about to be opened in place of the closed one: it starts
	 * with no connection, no peer and a fresh grace for its first peer.
	 */
	void socketReopening() {
		forgetOpenSocket();
		this.startedAt = this.clock.instant();
		this.stopped = false;
	}

	private void forgetOpenSocket() {
		this.connections.clear();
		this.livePeers.set(0);
		this.boundEndpoints.clear();
		this.unresolvedConnects.clear();
		this.pendingConnects.clear();
		this.abandonedConnects.clear();
		this.unrecoveredLosses.set(0);
		this.lastPeerLostAt = null;
		this.everHadPeer = false;
		this.silent = false;
	}

	// ---- read from anywhere ----

	/**
	 * Whether the socket is stopped (closed by a lifecycle stop, or for good when its
	 * application context closed).
	 */
	public boolean isStopped() {
		return this.stopped;
	}

	/** When the socket was last opened. */
	public Instant startedAt() {
		return this.startedAt;
	}

	/** Connections whose ZMTP handshake is done, oldest first. */
	public List<PeerConnection> livePeers() {
		return this.connections.values()
			.stream()
			.filter(PeerConnection::isLive)
			.sorted(Comparator.comparing(PeerConnection::connectedAt))
			.toList();
	}

	/** Every open TCP connection, including those still handshaking. */
	public Collection<PeerConnection> connections() {
		return Collections.unmodifiableCollection(this.connections.values());
	}

	public int livePeerCount() {
		return this.livePeers.get();
	}

	/**
	 * Connect endpoints not connected because their host does not resolve (looked up
	 * again with the reconnect back-off), with when that was first seen.
	 */
	public Map<String, Instant> unresolvedConnects() {
		return Collections.unmodifiableMap(this.unresolvedConnects);
	}

	/** Endpoints actually bound, with wildcard ports resolved. */
	public List<String> boundEndpoints() {
		return List.copyOf(this.boundEndpoints);
	}

	public long eventCount(ZmqSocketEventKind kind) {
		return this.eventCounts[kind.ordinal()].sum();
	}

	public long messagesIn() {
		return this.messagesIn.sum();
	}

	public long messagesOut() {
		return this.messagesOut.sum();
	}

	public long listenerFailures() {
		return this.listenerFailures.sum();
	}

	/** Established sessions that ended. */
	public long disconnects() {
		return eventCount(ZmqSocketEventKind.DISCONNECTED);
	}

	/** Sessions established again after an earlier one was lost. */
	public long reconnects() {
		return this.reconnects.sum();
	}

	public @Nullable Instant lastMessageIn() {
		return this.lastMessageIn;
	}

	/** When the last message was handed to the socket, to the millisecond. */
	public @Nullable Instant lastMessageOut() {
		long millis = this.lastMessageOutMillis;
		return (millis != NEVER) ? Instant.ofEpochMilli(millis) : null;
	}

	/** When the last live peer was lost, or {@code null} if none has been lost. */
	public @Nullable Instant lastPeerLostAt() {
		return this.lastPeerLostAt;
	}

	/** Whether any peer ever completed a handshake. */
	public boolean everHadPeer() {
		return this.everHadPeer;
	}

	/**
	 * Why the socket's JeroMQ I/O thread is dead, or {@code null} while it runs. No
	 * traffic flows once it is set.
	 */
	public @Nullable String ioFailure() {
		return this.ioFailure;
	}

	void ioFailed(String reason) {
		this.ioFailure = reason;
	}

	/** Whether an inbound socket is past its silence timeout. */
	public boolean isSilent() {
		return this.silent;
	}

	/**
	 * Time since the last message in the given direction, or since the socket was last
	 * opened if none has passed since: a socket opened again after a stop is not silent
	 * for the time it was stopped.
	 * @param inbound {@code true} for received messages
	 * @return the age
	 */
	public Duration quietFor(boolean inbound) {
		Instant last = inbound ? this.lastMessageIn : lastMessageOut();
		Instant opened = this.startedAt;
		return Duration.between((last != null && last.isAfter(opened)) ? last : opened, now());
	}

}
