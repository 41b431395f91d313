package dev.zmqkeepalive.socket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zmq.ZMQ;

import dev.zmqkeepalive.ManualClock;
import dev.zmqkeepalive.event.ZmqSocketEvent;
import dev.zmqkeepalive.event.ZmqSocketEventDispatcher;
import dev.zmqkeepalive.event.ZmqSocketEventKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link SocketMonitor} turns JeroMQ's monitor events into state changes and socket
 * events, and never lets a failure escape onto JeroMQ's I/O thread.
 */
class SocketMonitorTests {

	private final ManualClock clock = new ManualClock();

	private final SocketState state = new SocketState(this.clock);

	private final List<ZmqSocketEvent> published = new CopyOnWriteArrayList<>();

	private final ZmqSocketEventDispatcher dispatcher = new ZmqSocketEventDispatcher(100, this.published::add);

	private final SocketMonitor monitor = new SocketMonitor("in", this.state, this.dispatcher);

	@AfterEach
	void closeDispatcher() {
		this.dispatcher.close();
	}

	@Test
	void aConnectionRecordsItsPeerAndTheHandshakeMakesItLive() throws IOException {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				SocketChannel channel = SocketChannel
					.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()))) {
			String endpoint = "tcp://127.0.0.1:" + server.getLocalPort();
			this.monitor.consume(new ZMQ.Event(ZMQ.ZMQ_EVENT_CONNECT_DELAYED, endpoint, -1));
			assertThat(this.state.pendingConnects()).containsKey(endpoint);
			this.monitor.consume(new ZMQ.Event(ZMQ.ZMQ_EVENT_CONNECTED, endpoint, channel));
			assertThat(this.state.pendingConnects()).isEmpty();
			assertThat(this.state.connections()).singleElement()
				.satisfies((connection) -> assertThat(connection.remoteAddress())
					.isEqualTo("127.0.0.1:" + server.getLocalPort()));
			assertThat(this.state.livePeerCount()).isZero();
			// The ZMTP greeting alone (CURVE or ZAP may still refuse the peer) is not a peer.
			this.monitor.consume(new ZMQ.Event(ZMQ.ZMQ_EVENT_HANDSHAKE_PROTOCOL, endpoint, 3));
			assertThat(this.state.livePeerCount()).isZero();
			this.monitor.consume(new ZMQ.Event(ZMQ.ZMQ_EVENT_HANDSHAKE_SUCCEEDED, endpoint, channel));
			assertThat(this.state.livePeerCount()).isOne();
			this.monitor.consume(new ZMQ.Event(ZMQ.ZMQ_EVENT_DISCONNECTED, endpoint, channel));
			assertThat(this.state.livePeerCount()).isZero();
			assertThat(this.state.disconnects()).isOne();

			this.dispatcher.startDelivery();
			await().atMost(Duration.ofSeconds(5)).until(() -> this.published.size() == 4);
			assertThat(this.published).extracting(ZmqSocketEvent::getKind)
				.containsExactly(ZmqSocketEventKind.CONNECT_DELAYED, ZmqSocketEventKind.CONNECTED,
						ZmqSocketEventKind.HANDSHAKE_SUCCEEDED, ZmqSocketEventKind.DISCONNECTED);
			assertThat(this.published.get(2).getRemoteAddress()).isEqualTo("127.0.0.1:" + server.getLocalPort());
			assertThat(this.published.get(3).getRemoteAddress()).isEqualTo("127.0.0.1:" + server.getLocalPort());
			assertThat(this.published).allSatisfy((event) -> {
				assertThat(event.getSocketName()).isEqualTo("in");
				assertThat(event.getTime()).isEqualTo(this.clock.instant());
			});
		}
	}

	@Test
	void aProtocolErrorIsReportedWithItsReasonOnTheDisconnectOfItsConnection() throws IOException {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				SocketChannel channel = SocketChannel
					.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()))) {
			String endpoint = "tcp://127.0.0.1:" + server.getLocalPort();
			this.monitor.consume(new ZMQ.Event(ZMQ.ZMQ_EVENT_CONNECTED, endpoint, channel));
			this.monitor.consume(new ZMQ.Event(ZMQ.ZMQ_EVENT_HANDSHAKE_SUCCEEDED, endpoint, channel));
			this.monitor.consume(new ZMQ.Event(ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL, endpoint, zmq.ZError.EMSGSIZE));
			this.monitor.consume(new ZMQ.Event(ZMQ.ZMQ_EVENT_DISCONNECTED, endpoint, channel));
			assertThat(this.state.eventCount(ZmqSocketEventKind.PROTOCOL_ERROR)).isOne();
			assertThat(this.state.abandonedConnects()).containsKey(endpoint);
			this.dispatcher.startDelivery();
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(this.published)
					.filteredOn((event) -> event.getKind() == ZmqSocketEventKind.PROTOCOL_ERROR)
					.singleElement()
					.satisfies((event) -> {
						assertThat(event.getReason()).contains("max-message-size");
						assertThat(event.getRemoteAddress()).isEqualTo("127.0.0.1:" + server.getLocalPort());
					}));
		}
	}

	@Test
	void aConnectionThatEndsBeforeItsHandshakeRaisesItsRefusalAndNoDisconnect() throws IOException {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				SocketChannel channel = SocketChannel
					.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()))) {
			String endpoint = "tcp://127.0.0.1:" + server.getLocalPort();
			this.monitor.consume(new ZMQ.Event(ZMQ.ZMQ_EVENT_ACCEPTED, endpoint, channel));
			this.monitor.consume(new ZMQ.Event(ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL, endpoint,
					zmq.ZError.EPROTONOSUPPORT));
			this.monitor.consume(new ZMQ.Event(ZMQ.ZMQ_EVENT_DISCONNECTED, endpoint, channel));
			assertThat(this.state.connections()).isEmpty();
			assertThat(this.state.disconnects()).isZero();
			assertThat(this.state.eventCount(ZmqSocketEventKind.HANDSHAKE_FAILED)).isOne();
			this.dispatcher.startDelivery();
			await().atMost(Duration.ofSeconds(5)).until(() -> this.published.size() == 2);
			assertThat(this.published).extracting(ZmqSocketEvent::getKind)
				.containsExactly(ZmqSocketEventKind.ACCEPTED, ZmqSocketEventKind.HANDSHAKE_FAILED);
			assertThat(this.published.get(1).getReason()).contains("not ZMTP 3");
		}
	}

	@Test
	void aPeerWhoseSessionReportsBeforeItsConnectIsDisconnectedOnceAndLeavesNoConnectionBehind() throws IOException {
		// With several I/O threads, JeroMQ reports CONNECTED from the connecter's thread
		// after the session's thread may already have run the handshake and lost it.
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				SocketChannel channel = SocketChannel
					.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()))) {
			String endpoint = "tcp://127.0.0.1:" + server.getLocalPort();
			this.monitor.consume(new ZMQ.Event(ZMQ.ZMQ_EVENT_HANDSHAKE_SUCCEEDED, endpoint, channel));
			assertThat(this.state.livePeerCount()).isOne();
			this.monitor.consume(new ZMQ.Event(ZMQ.ZMQ_EVENT_DISCONNECTED, endpoint, channel));
			this.monitor.consume(new ZMQ.Event(ZMQ.ZMQ_EVENT_CONNECTED, endpoint, channel));
			assertThat(this.state.connections()).isEmpty();
			assertThat(this.state.disconnects()).isOne();
			assertThat(this.state.lastPeerLostAt()).isNotNull();
			this.dispatcher.startDelivery();
			await().atMost(Duration.ofSeconds(5)).until(() -> this.published.size() == 3);
			assertThat(this.published).extracting(ZmqSocketEvent::getKind)
				.containsExactly(ZmqSocketEventKind.HANDSHAKE_SUCCEEDED, ZmqSocketEventKind.DISCONNECTED,
						ZmqSocketEventKind.CONNECTED);
			assertThat(this.published.get(1).getRemoteAddress()).isEqualTo("127.0.0.1:" + server.getLocalPort());
		}
	}

	@Test
	void aStrangerWhoseSessionReportsBeforeItsAcceptIsRefusedOnceAndLeavesNoConnectionBehind() {
		SelectableChannel channel = SocketStates.channel();
		this.monitor.consume(new ZMQ.Event(ZMQ.ZMQ_EVENT_DISCONNECTED, "tcp://127.0.0.1:5556", channel));
		this.monitor.consume(new ZMQ.Event(ZMQ.ZMQ_EVENT_ACCEPTED, "tcp://127.0.0.1:5556", channel));
		assertThat(this.state.connections()).isEmpty();
		assertThat(this.state.disconnects()).isZero();
		assertThat(this.state.eventCount(ZmqSocketEventKind.HANDSHAKE_FAILED)).isOne();
	}

	@Test
	void aRetriedConnectIsNoLongerPending() {
		this.monitor.consume(new ZMQ.Event(ZMQ.ZMQ_EVENT_CONNECT_DELAYED, "tcp://10.0.0.1:1", -1));
		this.monitor.consume(new ZMQ.Event(ZMQ.ZMQ_EVENT_CONNECT_RETRIED, "tcp://10.0.0.1:1", 100));
		assertThat(this.state.pendingConnects()).isEmpty();
		assertThat(this.state.eventCount(ZmqSocketEventKind.CONNECT_RETRIED)).isOne();
	}

	@Test
	void eventsTheStarterDoesNotReportAreIgnored() {
		this.monitor.consume(new ZMQ.Event(ZMQ.ZMQ_EVENT_MONITOR_STOPPED, "tcp://10.0.0.1:1", null));
		assertThat(this.dispatcher.droppedCount()).isZero();
		for (ZmqSocketEventKind kind : ZmqSocketEventKind.values()) {
			assertThat(this.state.eventCount(kind)).isZero();
		}
	}

	@Test
	void aFailureInsideTheHookIsCountedInsteadOfThrown() {
		// No endpoint: recording a connect fails inside the hook.
		this.monitor.consume(new ZMQ.Event(ZMQ.ZMQ_EVENT_CONNECTED, null, SocketStates.channel()));
		assertThat(this.monitor.failures()).isOne();
	}

}
