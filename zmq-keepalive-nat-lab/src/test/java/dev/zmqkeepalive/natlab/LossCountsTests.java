package dev.zmqkeepalive.natlab;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The subscriber's loss count held against the lab's, per round from running totals. */
class LossCountsTests {

	@Test
	void countsAgreeWhenMeterEventsAndLabSayTheSameAndEveryMessageHadAnEnvelope() {
		assertThat(new LossCounts(4, 4, 4, 0).agree()).isTrue();
		assertThat(LossCounts.NONE.agree()).isTrue();
		assertThat(new LossCounts(4, 4, 5, 0).agree()).isFalse();
		assertThat(new LossCounts(4, 3, 4, 0).agree()).isFalse();
		assertThat(new LossCounts(4, 4, 4, 1).agree()).isFalse();
	}

	@Test
	void aRoundIsTheDifferenceOfTwoRunningTotals() {
		LossCounts before = new LossCounts(10, 10, 10, 0);
		LossCounts after = new LossCounts(13, 13, 12, 0);
		assertThat(after.since(before)).isEqualTo(new LossCounts(3, 3, 2, 0));
		assertThat(after.since(before).agree()).isFalse();
	}

	@Test
	void theDescriptionIsMeterOverLabWithAnythingOutOfLine() {
		assertThat(new LossCounts(3, 3, 3, 0).describe()).isEqualTo("3 / 3");
		assertThat(new LossCounts(3, 2, 3, 1).describe()).isEqualTo("3 / 3 (gap events 2) (unframed 1)");
	}

}
