package dev.zmqkeepalive.envelope;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PublisherLossTrackerTests {

	private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

	private final PublisherLossTracker tracker = new PublisherLossTracker(4);

	private final UUID first = UUID.randomUUID();

	@Test
	void whenSequenceNumbersFollowEachOtherThenNothingIsLost() {
		for (long n = 1; n <= 100; n++) {
			assertThat(arrive(this.first, n)).isNull();
		}
		assertThat(this.tracker.lost()).isZero();
		assertThat(this.tracker.publishers()).singleElement().satisfies((p) -> {
			assertThat(p.received()).isEqualTo(100);
			assertThat(p.lastSequence()).isEqualTo(100);
		});
	}

	@Test
	void whenSequenceNumbersJumpThenTheMissingRangeIsCountedAndReturned() {
		arrive(this.first, 1);
		arrive(this.first, 2);
		MissingMessages missing = arrive(this.first, 7);
		assertThat(missing).isEqualTo(new MissingMessages(this.first, 3, 6));
		assertThat(missing.count()).isEqualTo(4);
		assertThat(arrive(this.first, 8)).isNull();
		assertThat(arrive(this.first, 10)).isEqualTo(new MissingMessages(this.first, 9, 9));
		assertThat(this.tracker.lost()).isEqualTo(5);
		assertThat(this.tracker.publishers().get(0).lost()).isEqualTo(5);
	}

	@Test
	void whenAPublisherRestartsWithANewInstanceIdThenItsNumbersStartingAgainAreNoGap() {
		arrive(this.first, 1);
		arrive(this.first, 2);
		UUID restarted = UUID.randomUUID();
		assertThat(arrive(restarted, 1)).isNull();
		assertThat(arrive(restarted, 2)).isNull();
		assertThat(this.tracker.lost()).isZero();
		assertThat(this.tracker.duplicates()).isZero();
		assertThat(this.tracker.publishers()).extracting(PublisherStatus::publisherId).containsExactly(this.first,
				restarted);
	}

	@Test
	void whenASubscriberJoinsLateThenWhatThePublisherSentBeforeIsNotLost() {
		assertThat(arrive(this.first, 5000)).isNull();
		assertThat(arrive(this.first, 5001)).isNull();
		assertThat(this.tracker.lost()).isZero();
		assertThat(this.tracker.publishers().get(0).firstSequence()).isEqualTo(5000);
	}

	@Test
	void whenANumberRepeatsOrComesLateThenItIsADuplicateNotLossNorARewind() {
		arrive(this.first, 1);
		arrive(this.first, 2);
		assertThat(arrive(this.first, 2)).isNull();
		assertThat(arrive(this.first, 1)).isNull();
		assertThat(arrive(this.first, 3)).isNull();
		assertThat(this.tracker.duplicates()).isEqualTo(2);
		assertThat(this.tracker.lost()).isZero();
	}

	@Test
	void whenMorePublishersAppearThanItKeepsThenTheLeastRecentlyHeardIsForgottenButItsLossIsKept() {
		arrive(this.first, 1);
		arrive(this.first, 3);
		for (int i = 0; i < 10; i++) {
			arrive(UUID.randomUUID(), 1);
		}
		assertThat(this.tracker.publishers()).hasSize(4).extracting(PublisherStatus::publisherId).doesNotContain(this.first);
		assertThat(this.tracker.forgotten()).isEqualTo(7);
		assertThat(this.tracker.lost()).isEqualTo(1);
	}

	@Test
	void whenMessagesAlternateBetweenPublishersThenEachIsCountedAndTheLeastRecentlyHeardIsForgottenFirst() {
		PublisherLossTracker two = new PublisherLossTracker(2);
		UUID a = UUID.randomUUID();
		UUID b = UUID.randomUUID();
		assertThat(two.arrived(envelope(a, 1), NOW)).isNull();
		assertThat(two.arrived(envelope(b, 1), NOW)).isNull();
		assertThat(two.arrived(envelope(a, 3), NOW)).isEqualTo(new MissingMessages(a, 2, 2));
		assertThat(two.arrived(envelope(a, 4), NOW)).isNull();
		assertThat(two.arrived(envelope(b, 3), NOW)).isEqualTo(new MissingMessages(b, 2, 2));
		assertThat(two.arrived(envelope(a, 5), NOW)).isNull();
		// b was heard from less recently than a, however a's last messages were found.
		UUID c = UUID.randomUUID();
		assertThat(two.arrived(envelope(c, 1), NOW)).isNull();
		assertThat(two.publishers()).extracting(PublisherStatus::publisherId).containsExactly(a, c);
		assertThat(two.publishers().get(0)).satisfies((p) -> {
			assertThat(p.received()).isEqualTo(4);
			assertThat(p.lastSequence()).isEqualTo(5);
			assertThat(p.lost()).isEqualTo(1);
		});
		// b again is a new instance to it: counting starts afresh, a is forgotten now.
		assertThat(two.arrived(envelope(b, 9), NOW)).isNull();
		assertThat(two.publishers()).extracting(PublisherStatus::publisherId).containsExactly(c, b);
		assertThat(two.forgotten()).isEqualTo(2);
		assertThat(two.lost()).isEqualTo(2);
	}

	@Test
	void whenLyingPublishersClaimHugeGapsThenTheCountStopsAtTheLargestLongInsteadOfWrapping() {
		for (int i = 0; i < 3; i++) {
			UUID liar = UUID.randomUUID();
			arrive(liar, 1);
			arrive(liar, Long.MAX_VALUE);
		}
		assertThat(this.tracker.lost()).isEqualTo(Long.MAX_VALUE);
	}

	private MissingMessages arrive(UUID publisher, long sequence) {
		return this.tracker.arrived(envelope(publisher, sequence), NOW);
	}

	private static ZmqEnvelope envelope(UUID publisher, long sequence) {
		return new ZmqEnvelope(publisher, sequence, NOW, Map.of());
	}

}
