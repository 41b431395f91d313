package dev.zmqkeepalive.socket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.zmqkeepalive.ManualClock;
import dev.zmqkeepalive.event.ZmqSocketEventKind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SilenceWatch} reports silence once per silent spell, and its end.
 */
class SilenceWatchTests {

	private final ManualClock clock = new ManualClock();

	private final SocketState state = new SocketState(this.clock);

	private final List<ZmqSocketEventKind> events = new ArrayList<>();

	private final SilenceWatch watch = new SilenceWatch(Duration.ofSeconds(5), this.state,
			(kind, at) -> this.events.add(kind));

	@Test
	void silenceIsReportedOnceTheTimeoutHasPassedAndOnlyOnce() {
		this.clock.advance(Duration.ofSeconds(5));
		this.watch.check();
		assertThat(this.events).isEmpty();
		assertThat(this.watch.millisUntilDue(1000)).isEqualTo(1);
		this.clock.advance(Duration.ofMillis(1));
		this.watch.check();
		this.clock.advance(Duration.ofSeconds(30));
		this.watch.check();
		assertThat(this.events).containsExactly(ZmqSocketEventKind.SILENT);
		assertThat(this.state.isSilent()).isTrue();
	}

	@Test
	void theFirstMessageAfterSilenceIsReportedAsResumed() {
		this.clock.advance(Duration.ofSeconds(6));
		this.watch.check();
		this.watch.messageReceived(this.clock.instant());
		this.watch.messageReceived(this.clock.instant());
		assertThat(this.events).containsExactly(ZmqSocketEventKind.SILENT, ZmqSocketEventKind.RESUMED);
		assertThat(this.state.isSilent()).isFalse();
		assertThat(this.state.messagesIn()).isEqualTo(2);
	}

	@Test
	void theOwningThreadSleepsNoLongerThanUntilSilenceIsDue() {
		assertThat(this.watch.millisUntilDue(1000)).isEqualTo(1000);
		this.clock.advance(Duration.ofMillis(4700));
		assertThat(this.watch.millisUntilDue(1000)).isEqualTo(301);
	}

	@Test
	void withoutATimeoutThereIsNoSilence() {
		SilenceWatch none = new SilenceWatch(null, this.state, (kind, at) -> this.events.add(kind));
		this.clock.advance(Duration.ofDays(1));
		none.check();
		assertThat(this.events).isEmpty();
		assertThat(none.millisUntilDue(1000)).isEqualTo(1000);
	}

}
