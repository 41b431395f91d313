package dev.zmqkeepalive.metrics;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zeromq.ZContext;

import dev.zmqkeepalive.ManualClock;
import dev.zmqkeepalive.event.ZmqSocketEventDispatcher;
import dev.zmqkeepalive.event.ZmqSocketEventKind;
import dev.zmqkeepalive.socket.ManagedSocketRegistry;
import dev.zmqkeepalive.socket.SocketState;
import dev.zmqkeepalive.socket.SocketStates;
import dev.zmqkeepalive.socket.ZmqSocketType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ZmqSocketMetrics} reads each socket's state when scraped: a real (unstarted)
 * socket whose state the test drives, on a clock the test moves.
 */
class ZmqSocketMetricsTests {

	private final ManualClock clock = new ManualClock();

	private final ZContext context = new ZContext(1);

	private final ZmqSocketEventDispatcher events = new ZmqSocketEventDispatcher(10, (event) -> {
	});

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private ManagedSocketRegistry sockets;

	private SocketState state;

	@BeforeEach
	void openSocket() {
		this.sockets = new ManagedSocketRegistry(this.context,
				List.of(SocketStates.settings("in", ZmqSocketType.PULL, List.of("inproc://metrics-tests"), List.of(),
						null)),
				List.of(), this.events, this.clock, ManagedSocketRegistry.defaultThreadFactory());
		this.state = this.sockets.get("in").state();
		new ZmqSocketMetrics(this.sockets).bindTo(this.meters);
	}

	@AfterEach
	void close() {
		this.sockets.close();
		this.events.close();
		this.context.close();
	}

	@Test
	void everyMeterIsTaggedWithTheSocketAndItsType() {
		assertThat(this.meters.getMeters()).isNotEmpty().allSatisfy((meter) -> {
			assertThat(meter.getId().getTag("socket")).isEqualTo("in");
			assertThat(meter.getId().getTag("type")).isEqualTo("pull");
		});
		assertThat(this.meters.find("zmq.socket.events").functionCounters())
			.hasSize(ZmqSocketEventKind.values().length);
	}

	@Test
	void peersAndMessagesAreReadFromTheSocketsState() {
		SocketStates.peerJoined(this.state, SocketStates.channel(), "inproc://metrics-tests");
		SocketStates.eventOccurred(this.state, ZmqSocketEventKind.HANDSHAKE_SUCCEEDED);
		SocketStates.messageReceived(this.state);
		SocketStates.messageReceived(this.state);
		assertThat(this.meters.get("zmq.socket.peers").gauge().value()).isEqualTo(1.0);
		assertThat(this.meters.get("zmq.socket.messages").tag("direction", "in").functionCounter().count())
			.isEqualTo(2.0);
		assertThat(this.meters.get("zmq.socket.events").tag("event", "handshake-succeeded").functionCounter().count())
			.isEqualTo(1.0);
		assertThat(this.meters.get("zmq.socket.events").tag("event", "disconnected").functionCounter().count())
			.isZero();
	}

	@Test
	void theAgeOfTheLastMessageIsNotANumberBeforeTheFirstThenGrowsWithTheClock() {
		assertThat(age("in")).isNaN();
		SocketStates.messageReceived(this.state);
		this.clock.advance(Duration.ofMillis(2500));
		assertThat(age("in")).isEqualTo(2.5);
		assertThat(age("out")).isNaN();
	}

	private double age(String direction) {
		return this.meters.get("zmq.socket.last.message.age").tag("direction", direction).gauge().value();
	}

}
