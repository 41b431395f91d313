package dev.zmqkeepalive.socket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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

/**
 * The back-off of {@link ProtocolErrorReconnect} on a manual clock (reconnect 100 ms,
 * max-interval 2 s), against a real socket connecting nowhere.
 */
class ProtocolErrorReconnectTests {

	private static final long NEVER = 60_000;

	private final ManualClock clock = new ManualClock();

	private final SocketState state = new SocketState(this.clock);

	private final List<ZmqSocketEvent> published = new CopyOnWriteArrayList<>();

	private final ZmqSocketEventDispatcher dispatcher = new ZmqSocketEventDispatcher(100, this.published::add);

	private final String endpoint = TestPorts.unreachableEndpoint();

	private final ZContext context = new ZContext(1);

	private final ZMQ.Socket socket = this.context.createSocket(SocketType.SUB);

	@AfterEach
	void close() {
		this.dispatcher.close();
		this.socket.setLinger(0);
		this.context.close();
	}

	@Test
	void eachProtocolErrorInARowDoublesTheDelayUpToTheMaxInterval() {
		ProtocolErrorReconnect reconnect = connecting();
		List<Long> delays = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			delays.add(failAndReconnect(reconnect, null));
		}
		assertThat(delays).containsExactly(100L, 200L, 400L, 800L, 1600L, 2000L);
		assertThat(this.state.eventCount(ZmqSocketEventKind.RECONNECT_SCHEDULED)).isEqualTo(6);
	}

	@Test
	void aPeerThatStayedUpLongerThanTheMaxIntervalStartsTheBackOffOver() {
		ProtocolErrorReconnect reconnect = connecting();
		failAndReconnect(reconnect, null);
		failAndReconnect(reconnect, null);
		assertThat(failAndReconnect(reconnect, null)).isEqualTo(400);
		assertThat(failAndReconnect(reconnect, this.clock.instant().minusSeconds(3))).isEqualTo(100);
	}

	@Test
	void anAcceptedConnectionIsLeftToItsPeer() {
		SocketSettings bound = SocketStates.settings("out", ZmqSocketType.PUB, List.of("tcp://127.0.0.1:*"), List.of(),
				null);
		ProtocolErrorReconnect reconnect = new ProtocolErrorReconnect(bound, this.state, this.dispatcher,
				new ConnectEndpoints(bound, Thread::new), (action) -> action.accept(this.socket));
		this.state.connectAbandoned("tcp://127.0.0.1:5556", this.clock.instant(), null);
		reconnect.check(this.socket);
		assertThat(this.state.abandonedConnects()).isEmpty();
		assertThat(reconnect.millisUntilDue(NEVER)).isEqualTo(NEVER);
		assertThat(this.state.eventCount(ZmqSocketEventKind.RECONNECT_SCHEDULED)).isZero();
	}

	private ProtocolErrorReconnect connecting() {
		SocketSettings settings = SocketStates.settings("in", ZmqSocketType.SUB, List.of(), List.of(this.endpoint),
				null);
		return new ProtocolErrorReconnect(settings, this.state, this.dispatcher, new ConnectEndpoints(settings, Thread::new),
				(action) -> action.accept(this.socket));
	}

	/** A protocol error now; the delay until the endpoint is connected again, in ms. */
	private long failAndReconnect(ProtocolErrorReconnect reconnect, java.time.Instant liveSince) {
		this.state.connectAbandoned(this.endpoint, this.clock.instant(), liveSince);
		reconnect.check(this.socket);
		// millisUntilDue rounds up by a millisecond, so the loop never wakes early.
		long delay = reconnect.millisUntilDue(NEVER) - 1;
		assertThat(delay).isPositive().isLessThan(NEVER);
		this.clock.advance(Duration.ofMillis(delay - 1));
		reconnect.check(this.socket);
		assertThat(reconnect.millisUntilDue(NEVER)).as("not connected a millisecond early").isEqualTo(2);
		this.clock.advance(Duration.ofMillis(1));
		reconnect.check(this.socket);
		assertThat(reconnect.millisUntilDue(NEVER)).as("connected when due").isEqualTo(NEVER);
		return delay;
	}

}
