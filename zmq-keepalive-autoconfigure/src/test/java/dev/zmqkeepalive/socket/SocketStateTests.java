package dev.zmqkeepalive.socket;

import java.nio.channels.SelectableChannel;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.zmqkeepalive.ManualClock;
import dev.zmqkeepalive.event.ZmqSocketEventKind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SocketState} counts peers, losses and reconnects from connection events and
 * ages traffic by its clock.
 */
class SocketStateTests {

	private final ManualClock clock = new ManualClock();

	private final SocketState state = new SocketState(this.clock);

	@Test
	void aConnectionIsALivePeerOnlyOnceItsHandshakeIsDone() {
		SelectableChannel channel = SocketStates.channel();
		this.state.connectionOpened(channel, "tcp://127.0.0.1:5556", "127.0.0.1:5556", this.clock.instant());
		assertThat(this.state.connections()).hasSize(1);
		assertThat(this.state.livePeerCount()).isZero();
		this.clock.advance(Duration.ofMillis(5));
		PeerConnection peer = this.state.handshakeSucceeded("tcp://127.0.0.1:5556", this.clock.instant());
		assertThat(peer).isNotNull();
		assertThat(peer.handshakeAt()).isEqualTo(this.clock.instant());
		assertThat(this.state.livePeerCount()).isOne();
		assertThat(this.state.everHadPeer()).isTrue();
	}

	@Test
	void aHandshakeIsMatchedToTheOldestConnectionOfItsEndpointStillWaiting() {
		SelectableChannel older = SocketStates.channel();
		SelectableChannel newer = SocketStates.channel();
		Instant start = this.clock.instant();
		this.state.connectionOpened(newer, "tcp://a:1", "10.0.0.2:1", start.plusMillis(10));
		this.state.connectionOpened(older, "tcp://a:1", "10.0.0.1:1", start);
		PeerConnection first = this.state.handshakeSucceeded("tcp://a:1", start.plusMillis(20));
		assertThat(first).isNotNull();
		assertThat(first.remoteAddress()).isEqualTo("10.0.0.1:1");
		PeerConnection second = this.state.handshakeSucceeded("tcp://a:1", start.plusMillis(30));
		assertThat(second).isNotNull();
		assertThat(second.remoteAddress()).isEqualTo("10.0.0.2:1");
		assertThat(this.state.handshakeSucceeded("tcp://a:1", start.plusMillis(40))).isNull();
	}

	@Test
	void theLivePeerCountFollowsHandshakesAndClosesAndStartsAgainAtZeroWhenTheSocketStops() {
		SelectableChannel first = SocketStates.channel();
		SelectableChannel second = SocketStates.channel();
		SelectableChannel handshaking = SocketStates.channel();
		SocketStates.peerJoined(this.state, first, "tcp://a:1");
		this.state.connectionOpened(second, "tcp://a:1", "10.0.0.2:1", this.clock.instant());
		this.state.handshakeSucceeded(second, "tcp://a:1", "10.0.0.2:1", this.clock.instant());
		// Reported twice (by endpoint on stock JeroMQ, by connection on ours): counted once.
		this.state.handshakeSucceeded(second, "tcp://a:1", "10.0.0.2:1", this.clock.instant());
		this.state.connectionOpened(handshaking, "tcp://a:1", "10.0.0.3:1", this.clock.instant());
		assertThat(this.state.livePeerCount()).isEqualTo(2);
		this.state.connectionClosed(handshaking, this.clock.instant());
		assertThat(this.state.livePeerCount()).as("a connection that was no peer").isEqualTo(2);
		SocketStates.peerLeft(this.state, first);
		SocketStates.peerLeft(this.state, first);
		assertThat(this.state.livePeerCount()).as("one close of each peer counts").isOne();
		assertThat(this.state.lastPeerLostAt()).isNull();
		this.state.socketStopped();
		assertThat(this.state.livePeerCount()).isZero();
		// A close reported for the old socket's connection after the stop changes nothing.
		SocketStates.peerLeft(this.state, second);
		assertThat(this.state.livePeerCount()).isZero();
	}

	@Test
	void losingTheLastPeerIsRecordedAndTheNextHandshakeCountsAsAReconnect() {
		SelectableChannel channel = SocketStates.channel();
		SocketStates.peerJoined(this.state, channel, "tcp://a:1");
		assertThat(this.state.reconnects()).isZero();
		this.clock.advance(Duration.ofSeconds(3));
		SocketStates.peerLeft(this.state, channel);
		assertThat(this.state.livePeerCount()).isZero();
		assertThat(this.state.lastPeerLostAt()).isEqualTo(this.clock.instant());
		SocketStates.peerJoined(this.state, SocketStates.channel(), "tcp://a:1");
		assertThat(this.state.reconnects()).isOne();
	}

	@Test
	void closingAConnectionThatNeverCompletedItsHandshakeIsNoLoss() {
		SelectableChannel channel = SocketStates.channel();
		this.state.connectionOpened(channel, "tcp://a:1", null, this.clock.instant());
		this.state.connectionClosed(channel, this.clock.instant());
		assertThat(this.state.lastPeerLostAt()).isNull();
		SocketStates.peerJoined(this.state, SocketStates.channel(), "tcp://a:1");
		assertThat(this.state.reconnects()).isZero();
	}

	@Test
	void quietTimeCountsFromTheLastMessageOrElseFromOpening() {
		this.clock.advance(Duration.ofSeconds(7));
		assertThat(this.state.quietFor(true)).isEqualTo(Duration.ofSeconds(7));
		SocketStates.messageReceived(this.state);
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(this.state.quietFor(true)).isEqualTo(Duration.ofSeconds(2));
		assertThat(this.state.quietFor(false)).isEqualTo(Duration.ofSeconds(9));
		SocketStates.messagesSent(this.state, 3);
		assertThat(this.state.messagesOut()).isEqualTo(3);
		assertThat(this.state.quietFor(false)).isZero();
	}

	@Test
	void aPendingConnectKeepsItsFirstStartUntilSettled() {
		Instant first = this.clock.instant();
		this.state.connectPending("tcp://10.0.0.1:1", first);
		this.state.connectPending("tcp://10.0.0.1:1", first.plusSeconds(1));
		assertThat(this.state.pendingConnects()).containsEntry("tcp://10.0.0.1:1", first);
		this.state.connectSettled("tcp://10.0.0.1:1");
		assertThat(this.state.pendingConnects()).isEmpty();
	}

	@Test
	void aSocketOpenedAgainStartsWithNoConnectionButKeepsItsCountsAndIsNotSilentForTheTimeItWasStopped() {
		SelectableChannel channel = SocketStates.channel();
		SocketStates.peerJoined(this.state, channel, "tcp://a:1");
		this.state.endpointBound("tcp://127.0.0.1:5556");
		this.state.messageReceived(this.clock.instant());
		this.state.eventOccurred(ZmqSocketEventKind.CONNECTED);
		this.state.socketStopped();
		assertThat(this.state.isStopped()).isTrue();
		assertThat(this.state.connections()).isEmpty();
		assertThat(this.state.boundEndpoints()).isEmpty();
		this.clock.advance(Duration.ofMinutes(10));
		this.state.socketReopening();
		assertThat(this.state.isStopped()).isFalse();
		assertThat(this.state.startedAt()).isEqualTo(this.clock.instant());
		assertThat(this.state.everHadPeer()).isFalse();
		assertThat(this.state.lastPeerLostAt()).isNull();
		// Counts carry on: meters read them as counters.
		assertThat(this.state.messagesIn()).isOne();
		assertThat(this.state.eventCount(ZmqSocketEventKind.CONNECTED)).isOne();
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(this.state.quietFor(true)).isEqualTo(Duration.ofSeconds(2));
		// A late event of the closed socket's connection finds nothing to remove.
		assertThat(this.state.connectionClosed(channel, this.clock.instant())).isNull();
		assertThat(this.state.lastPeerLostAt()).isNull();
	}

}
