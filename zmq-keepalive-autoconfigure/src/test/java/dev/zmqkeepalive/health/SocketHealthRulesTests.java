package dev.zmqkeepalive.health;

import java.nio.channels.SelectableChannel;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.zmqkeepalive.ManualClock;
import dev.zmqkeepalive.socket.SocketSettings;
import dev.zmqkeepalive.socket.SocketState;
import dev.zmqkeepalive.socket.SocketStates;
import dev.zmqkeepalive.socket.ZmqSocketType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SocketHealthRules}, judged by a clock the test moves. The default settings'
 * detection bound is 60 s + 10 s x 3 = 90 s.
 */
class SocketHealthRulesTests {

	private static final Duration DETECTION_BOUND = Duration.ofSeconds(90);

	private final ManualClock clock = new ManualClock();

	private final SocketState state = new SocketState(this.clock);

	private final SocketSettings subscriber = SocketStates.settings("in", ZmqSocketType.SUB, List.of(),
			List.of("tcp://publisher:5556"), null);

	@Test
	void aConnectingSocketIsUpUntilItsDetectionBoundHasPassedWithoutAPeer() {
		assertThat(this.subscriber.detectionBound()).isEqualTo(DETECTION_BOUND);
		this.clock.advance(DETECTION_BOUND);
		assertThat(SocketHealthRules.downReason(this.subscriber, this.state)).isNull();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(SocketHealthRules.downReason(this.subscriber, this.state))
			.isEqualTo("no peer reached in 91s since startup (detection bound 90s)");
	}

	@Test
	void aConnectingSocketIsDownAsSoonAsItLosesItsLastPeerAndUpWhenOneIsBack() {
		SelectableChannel channel = SocketStates.channel();
		SocketStates.peerJoined(this.state, channel, "tcp://publisher:5556");
		assertThat(SocketHealthRules.downReason(this.subscriber, this.state)).isNull();
		this.clock.advance(Duration.ofSeconds(1));
		SocketStates.peerLeft(this.state, channel);
		assertThat(SocketHealthRules.downReason(this.subscriber, this.state))
			.isEqualTo("lost its last peer at " + this.clock.instant() + "; reconnecting");
		SocketStates.peerJoined(this.state, SocketStates.channel(), "tcp://publisher:5556");
		assertThat(SocketHealthRules.downReason(this.subscriber, this.state)).isNull();
	}

	@Test
	void aBindingSocketIsUpWithoutPeersHoweverLong() {
		SocketSettings publisher = SocketStates.settings("out", ZmqSocketType.PUB, List.of("tcp://*:5556"), List.of(),
				null);
		this.clock.advance(Duration.ofDays(3));
		assertThat(SocketHealthRules.downReason(publisher, this.state)).isNull();
	}

	@Test
	void aSilentSocketIsDownWhateverItsPeers() {
		SocketSettings quiet = SocketStates.settings("in", ZmqSocketType.SUB, List.of(),
				List.of("tcp://publisher:5556"), Duration.ofMinutes(5));
		SocketStates.peerJoined(this.state, SocketStates.channel(), "tcp://publisher:5556");
		this.clock.advance(Duration.ofMinutes(6));
		SocketStates.silent(this.state);
		assertThat(SocketHealthRules.downReason(quiet, this.state))
			.isEqualTo("no message received for 6m (silence-timeout 5m)");
	}

	@Test
	void peersAreNotJudgedWhereThereAreNoConnectionEvents() {
		SocketSettings inproc = SocketStates.settings("in", ZmqSocketType.PULL, List.of(), List.of("inproc://work"),
				null);
		this.clock.advance(Duration.ofDays(1));
		assertThat(SocketHealthRules.tracksPeers(inproc)).isFalse();
		assertThat(SocketHealthRules.downReason(inproc, this.state)).isNull();
	}

	@Test
	void aStoppedSocketIsDownWhateverElseHoldsAndJudgedAfreshOnceOpenedAgain() {
		SocketSettings publisher = SocketStates.settings("out", ZmqSocketType.PUB, List.of("tcp://*:5556"), List.of(),
				null);
		SocketStates.peerJoined(this.state, SocketStates.channel(), "tcp://publisher:5556");
		SocketStates.stopped(this.state);
		assertThat(SocketHealthRules.downReason(publisher, this.state)).startsWith("stopped: ");
		assertThat(SocketHealthRules.downReason(this.subscriber, this.state)).startsWith("stopped: ");
		this.clock.advance(Duration.ofHours(1));
		SocketStates.reopening(this.state);
		assertThat(SocketHealthRules.downReason(publisher, this.state)).isNull();
		// A fresh grace for the first peer, not "lost its last peer" from before the stop.
		assertThat(SocketHealthRules.downReason(this.subscriber, this.state)).isNull();
		this.clock.advance(DETECTION_BOUND.plusSeconds(1));
		assertThat(SocketHealthRules.downReason(this.subscriber, this.state))
			.isEqualTo("no peer reached in 91s since startup (detection bound 90s)");
	}

}
