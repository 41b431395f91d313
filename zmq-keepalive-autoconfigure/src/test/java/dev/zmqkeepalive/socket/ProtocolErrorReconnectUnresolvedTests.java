package dev.zmqkeepalive.socket;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import dev.zmqkeepalive.ManualClock;
import dev.zmqkeepalive.event.ZmqSocketEvent;
import dev.zmqkeepalive.event.ZmqSocketEventDispatcher;
import dev.zmqkeepalive.event.ZmqSocketEventKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link ProtocolErrorReconnect} on a manual clock when the hosts of endpoints due to be
 * connected again do not resolve at that moment: JeroMQ looks a host up in
 * {@code connect} and throws, which must not end the owning thread; each endpoint is
 * tried again with the back-off. Names come from a hosts file the test writes
 * ({@code jdk.net.hosts.file}, set by the surefire execution {@code host-lookup}), so a
 * missing name fails at once, without the machine's DNS.
 */
class ProtocolErrorReconnectUnresolvedTests {

	private final ManualClock clock = new ManualClock();

	private final SocketState state = new SocketState(this.clock);

	private final List<ZmqSocketEvent> published = new CopyOnWriteArrayList<>();

	private final ZmqSocketEventDispatcher dispatcher = new ZmqSocketEventDispatcher(100, this.published::add);

	private final ZContext context = new ZContext(1);

	private final ZMQ.Socket socket = this.context.createSocket(SocketType.SUB);

	@BeforeEach
	void hostsFile() throws IOException {
		HostsFile.ofThisJvm();
	}

	@AfterEach
	void close() {
		this.dispatcher.close();
		this.socket.setLinger(0);
		this.context.close();
	}

	@Test
	void endpointsDueWhileTheirHostsDoNotResolveAreAllScheduledAgainWithTheBackOff() {
		List<String> connect = List.of("tcp://gone-a.zmq.test:5556", "tcp://gone-b.zmq.test:5557");
		SocketSettings settings = SocketStates.settings("in", ZmqSocketType.SUB, List.of(), connect, null);
		ProtocolErrorReconnect reconnect = new ProtocolErrorReconnect(settings, this.state, this.dispatcher,
				new ConnectEndpoints(settings, (runnable) -> {
					throw new AssertionError("one endpoint per port: no lookup expected");
				}), (action) -> action.accept(this.socket));
		this.state.connectAbandoned("tcp://127.0.0.2:5556", this.clock.instant(), null);
		this.state.connectAbandoned("tcp://127.0.0.3:5557", this.clock.instant(), null);
		reconnect.check(this.socket);
		this.clock.advance(Duration.ofMillis(100));
		reconnect.check(this.socket);
		// Both failed to connect and wait for their second delay, 200 ms.
		assertThat(reconnect.millisUntilDue(60_000)).isEqualTo(201);
		this.dispatcher.startDelivery();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.published.size() == 4);
		assertThat(this.published).extracting(ZmqSocketEvent::getKind)
			.containsOnly(ZmqSocketEventKind.RECONNECT_SCHEDULED);
		assertThat(this.published.subList(2, 4)).extracting(ZmqSocketEvent::getReason)
			.containsExactlyInAnyOrder(
					"JeroMQ gave the endpoint up after a protocol error; connecting again in 200ms "
							+ "(host 'gone-a.zmq.test' does not resolve; failure 2 in a row)",
					"JeroMQ gave the endpoint up after a protocol error; connecting again in 200ms "
							+ "(host 'gone-b.zmq.test' does not resolve; failure 2 in a row)");
	}

}
