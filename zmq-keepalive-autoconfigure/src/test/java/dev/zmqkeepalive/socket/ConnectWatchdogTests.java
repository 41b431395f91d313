package dev.zmqkeepalive.socket;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import dev.zmqkeepalive.ManualClock;
import dev.zmqkeepalive.TestPorts;
import dev.zmqkeepalive.event.ZmqSocketEvent;
import dev.zmqkeepalive.event.ZmqSocketEventDispatcher;
import dev.zmqkeepalive.event.ZmqSocketEventKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link ConnectWatchdog} starts a connect again once it has been unanswered for longer
 * than the connect timeout (5 s in these settings), and never looks a host name up on
 * the thread that owns the socket.
 */
class ConnectWatchdogTests {

	private final ManualClock clock = new ManualClock();

	private final SocketState state = new SocketState(this.clock);

	private final List<Thread> madeThreads = new CopyOnWriteArrayList<>();

	private final ThreadFactory threads = (runnable) -> {
		Thread thread = new Thread(runnable);
		this.madeThreads.add(thread);
		return thread;
	};

	private final List<Consumer<ZMQ.Socket>> forOwningThread = new CopyOnWriteArrayList<>();

	private final List<Thread> handedOverBy = new CopyOnWriteArrayList<>();

	private final ZContext context = new ZContext(1);

	private final ZMQ.Socket socket = this.context.createSocket(SocketType.SUB);

	@AfterEach
	void close() {
		this.context.close();
	}

	@Test
	void aConnectIsStartedAgainOnlyOnceItHasBeenUnansweredForLongerThanTheTimeout() {
		String endpoint = TestPorts.unreachableEndpoint();
		ConnectWatchdog watchdog = watchdog(ZmqSocketType.SUB, List.of(endpoint));
		this.socket.connect(endpoint);
		this.state.connectPending(endpoint, this.clock.instant());
		this.clock.advance(Duration.ofSeconds(5));
		watchdog.check(this.socket);
		assertThat(this.state.pendingConnects()).containsKey(endpoint);
		assertThat(watchdog.millisUntilDue(1000)).isEqualTo(1);
		this.clock.advance(Duration.ofMillis(1));
		watchdog.check(this.socket);
		assertThat(this.state.pendingConnects()).isEmpty();
		assertThat(this.madeThreads).isEmpty();
	}

	@Test
	void theOwningThreadSleepsNoLongerThanUntilTheOldestPendingConnectIsDue() {
		ConnectWatchdog watchdog = watchdog(ZmqSocketType.PULL, List.of("tcp://10.0.0.1:1", "tcp://10.0.0.2:1"));
		assertThat(watchdog.millisUntilDue(1000)).isEqualTo(1000);
		Instant start = this.clock.instant();
		this.state.connectPending("tcp://10.0.0.1:1", start);
		this.state.connectPending("tcp://10.0.0.2:1", start.plusSeconds(2));
		this.clock.advance(Duration.ofMillis(4500));
		assertThat(watchdog.millisUntilDue(1000)).isEqualTo(501);
	}

	@Test
	void aSocketThatSendsOfItsOwnIsLeftAlone() {
		String endpoint = TestPorts.unreachableEndpoint();
		ConnectWatchdog watchdog = watchdog(ZmqSocketType.PUSH, List.of(endpoint));
		this.state.connectPending(endpoint, this.clock.instant());
		this.clock.advance(Duration.ofMinutes(1));
		watchdog.check(this.socket);
		assertThat(this.state.pendingConnects()).containsKey(endpoint);
		assertThat(watchdog.millisUntilDue(1000)).isEqualTo(1000);
	}

	@Test
	void aHostNameIsLookedUpOnAThreadOfItsOwnAndTheRestartHandedToTheOwningThread() {
		int port = TestPorts.free();
		String byName = "tcp://localhost:" + port;
		// Two endpoints on one port: only a lookup tells which one JeroMQ reports.
		ConnectWatchdog watchdog = watchdog(ZmqSocketType.SUB, List.of("tcp://10.255.255.1:" + port, byName));
		this.socket.connect(byName);
		// JeroMQ reports the address it resolved, not the configured name.
		this.state.connectPending("tcp://127.0.0.1:" + port, this.clock.instant());
		this.clock.advance(Duration.ofSeconds(6));
		watchdog.check(this.socket);
		assertThat(this.madeThreads).singleElement()
			.satisfies((thread) -> assertThat(thread.getName()).isEqualTo("zmq-in-lookup"));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.forOwningThread.size() == 1);
		assertThat(this.handedOverBy).containsExactlyElementsOf(this.madeThreads);
		// The restart itself runs later, on the owning thread (here: this one).
		this.forOwningThread.get(0).accept(this.socket);
	}

	@Test
	void aRestartWhoseHostNoLongerResolvesIsScheduledAgainInsteadOfEndingTheOwningThread() {
		// One endpoint: JeroMQ's report names it without a lookup; .invalid never resolves.
		String gone = "tcp://gone.invalid:" + TestPorts.free();
		SocketSettings settings = SocketStates.settings("in", ZmqSocketType.SUB, List.of(), List.of(gone), null);
		List<ZmqSocketEvent> published = new CopyOnWriteArrayList<>();
		try (ZmqSocketEventDispatcher events = new ZmqSocketEventDispatcher(100, published::add)) {
			ConnectEndpoints endpoints = new ConnectEndpoints(settings, this.threads);
			ProtocolErrorReconnect reconnect = new ProtocolErrorReconnect(settings, this.state, events, endpoints,
					(action) -> action.accept(this.socket));
			ConnectWatchdog watchdog = new ConnectWatchdog(settings, this.state, endpoints,
					(action) -> action.accept(this.socket), reconnect);
			// JeroMQ reports the address the name resolved to when the connect began.
			this.state.connectPending("tcp://10.255.255.1:1", this.clock.instant());
			this.clock.advance(Duration.ofSeconds(6));
			watchdog.check(this.socket);
			assertThat(this.state.eventCount(ZmqSocketEventKind.RECONNECT_SCHEDULED)).isEqualTo(1);
			assertThat(watchdog.millisUntilDue(10_000)).as("due after the back-off").isLessThan(10_000);
		}
	}

	private ConnectWatchdog watchdog(ZmqSocketType type, List<String> connect) {
		SocketSettings settings = SocketStates.settings("in", type, List.of(), connect, null);
		return new ConnectWatchdog(settings, this.state, new ConnectEndpoints(settings, this.threads), (action) -> {
			this.handedOverBy.add(Thread.currentThread());
			this.forOwningThread.add(action);
		});
	}

}
