package zmq.poll;

import org.junit.jupiter.api.Test;

import dev.zmqkeepalive.jeromq.JeromqBuild;
import zmq.poll.ManualClockPoller.RecordingSink;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two timer bugs of JeroMQ 0.6.0's {@code PollerBase} that switched heartbeats off,
 * shown deterministically with a clock the test moves. Timer ids are StreamEngine's:
 * 0x80 heartbeat TTL, 0x81 heartbeat interval, 0x82 heartbeat timeout. On the patched build
 * each timer fires; on stock JeroMQ each test sees the bug (and fails if it no longer does,
 * so a test that cannot bite is noticed).
 */
class PollerBaseTimerTests {

	private static final int TTL = 0x80;

	private static final int INTERVAL = 0x81;

	private static final int TIMEOUT = 0x82;

	private final boolean patched = JeromqBuild.underTest().isPatched();

	@Test
	void timerCancelledAndAddedAgainBeforeThePurgeFires() {
		ManualClockPoller poller = new ManualClockPoller();
		RecordingSink engine = new RecordingSink(poller);
		poller.setTime(0);
		poller.addTimer(3000, engine, TIMEOUT); // armed by a PING
		poller.addTimer(900, engine, INTERVAL); // an earlier timer keeps the cancelled entry from being purged
		poller.setTime(10);
		poller.cancelTimer(engine, TIMEOUT); // traffic arrived: cancelled, removal deferred
		poller.executeTimers();
		poller.setTime(500);
		poller.addTimer(3000, engine, TIMEOUT); // the next PING arms it again: due at 3500
		poller.runUntil(10_000, 100);
		if (this.patched) {
			assertThat(engine.fired()).containsExactly("81@900", "82@3500");
		}
		else {
			assertThat(engine.fired()).as("stock JeroMQ drops the re-armed timer (bug A)").containsExactly("81@900");
		}
	}

	@Test
	void timeoutAddedAgainFromTheIntervalTimersCallbackFires() {
		// What StreamEngine does: HEARTBEAT_IVL fires -> PING -> addTimer(HEARTBEAT_TIMEOUT).
		ManualClockPoller poller = new ManualClockPoller();
		RecordingSink engine = new RecordingSink(poller);
		poller.setTime(0);
		poller.addTimer(3000, engine, TIMEOUT);
		poller.addTimer(1000, engine, INTERVAL);
		poller.setTime(10);
		poller.cancelTimer(engine, TIMEOUT);
		poller.executeTimers();
		engine.onTimer(INTERVAL, () -> poller.addTimer(3000, engine, TIMEOUT)); // due at 4000
		poller.setTime(100);
		poller.runUntil(10_000, 100);
		if (this.patched) {
			assertThat(engine.fired()).containsExactly("81@1000", "82@4000");
		}
		else {
			assertThat(engine.fired()).as("stock JeroMQ drops the re-armed timeout (bug A)")
				.containsExactly("81@1000");
		}
	}

	@Test
	void cancelAffectsOnlyTheLiveTimerOfThatSinkAndId() {
		ManualClockPoller poller = new ManualClockPoller();
		RecordingSink engine = new RecordingSink(poller);
		RecordingSink otherEngine = new RecordingSink(poller);
		poller.setTime(0);
		poller.addTimer(1000, engine, TIMEOUT);
		poller.addTimer(1000, otherEngine, TIMEOUT);
		poller.addTimer(2000, engine, INTERVAL);
		poller.cancelTimer(engine, TIMEOUT);
		poller.runUntil(5000, 100);
		assertThat(engine.fired()).containsExactly("81@2000");
		assertThat(otherEngine.fired()).containsExactly("82@1000");
	}

	@Test
	void pollerDoesNotSleepPastATimerAddedWhileTimersRan() {
		// The interval timer re-arms itself for +1000 next to a live 45 s TTL timer.
		ManualClockPoller poller = new ManualClockPoller();
		RecordingSink engine = new RecordingSink(poller);
		poller.setTime(0);
		poller.addTimer(1000, engine, INTERVAL);
		poller.addTimer(45_000, engine, TTL);
		engine.onTimer(INTERVAL, () -> poller.addTimer(1000, engine, INTERVAL));
		poller.setTime(1000);
		long wait = poller.executeTimers();
		if (this.patched) {
			assertThat(wait).as("wait until the re-armed interval timer").isEqualTo(1000);
		}
		else {
			assertThat(wait).as("stock JeroMQ sleeps until the TTL timer (bug B)").isEqualTo(44_000);
		}
	}

	@Test
	void aCancelAfterItsTimerFiredLeavesTheNextTimerOfThatIdAlone() {
		ManualClockPoller poller = new ManualClockPoller();
		RecordingSink engine = new RecordingSink(poller);
		poller.setTime(0);
		poller.addTimer(100, engine, TIMEOUT);
		poller.runUntil(150, 50); // fires at 100
		poller.cancelTimer(engine, TIMEOUT); // too late: nothing live to cancel
		poller.addTimer(100, engine, TIMEOUT); // due at 250
		poller.runUntil(300, 50);
		poller.addTimer(100, engine, TIMEOUT); // due at 400
		poller.cancelTimer(engine, TIMEOUT); // cancels this one
		poller.runUntil(1000, 50);
		assertThat(engine.fired()).containsExactly("82@100", "82@250");
	}

}
