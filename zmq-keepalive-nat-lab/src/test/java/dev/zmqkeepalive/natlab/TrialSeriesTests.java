package dev.zmqkeepalive.natlab;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A series passes only when every counted trial keeps its bounds and nothing is lost. */
class TrialSeriesTests {

	private static final Duration BOUND = Duration.ofSeconds(3);

	@Test
	void everyTrialWithinItsBoundsPasses() {
		TrialSeries series = series(trial(1800, 300, 0, null), trial(2100, 250, 0, null));
		assertThat(series.misses()).isZero();
		assertThat(series.passed()).isTrue();
		assertThat(series.verdict()).isEqualTo("PASS");
	}

	@Test
	void aDetectionThatNeverCameIsAMiss() {
		TrialSeries series = series(trial(1800, 300, 0, null), trial(null, 300, 0, null));
		assertThat(series.misses()).isEqualTo(1);
		assertThat(series.verdict()).isEqualTo("FAIL: 1 detection(s) missing or over bound");
	}

	@Test
	void aDetectionOverTheBoundIsAMiss() {
		assertThat(series(trial(3001, 300, 0, null)).misses()).isEqualTo(1);
		assertThat(series(trial(3000, 300, 0, null)).misses()).isZero();
	}

	@Test
	void aLateRecoveryOrALostMessageFails() {
		TrialSeries series = series(trial(1800, 3500, 0, null), trial(1800, 300, 2, null));
		assertThat(series.passed()).isFalse();
		assertThat(series.verdict()).contains("1 recovery(ies) missing or over bound", "2 message(s) lost");
	}

	@Test
	void aRoundWhoseLossTheSubscriberCountedDifferentlyFromTheLabFails() {
		Trial agreed = trial(1800, 300, 0, null);
		Trial disagreed = new Trial(ms(500), ms(1800), ms(300), 20, 0, new LossCounts(2, 2, 3, 0), null);
		TrialSeries series = series(agreed, disagreed);
		assertThat(series.losses()).isEqualTo(new LossCounts(5, 5, 6, 0));
		assertThat(series.lossDisagreements()).isEqualTo(1);
		assertThat(series.passed()).isFalse();
		assertThat(series.verdict())
			.isEqualTo("FAIL: 1 round(s) where the subscriber's loss count differs from the lab's");
	}

	@Test
	void anExemptTrialIsShownButNotCounted() {
		TrialSeries series = series(trial(1800, 300, 0, null), trial(null, 300, 0, "no PING yet"));
		assertThat(series.counted()).hasSize(1);
		assertThat(series.exempted()).hasSize(1);
		assertThat(series.misses()).isZero();
		assertThat(series.passed()).isTrue();
	}

	@Test
	void aSeriesWithNothingCountedDoesNotPass() {
		assertThat(series(trial(null, 300, 0, "no PING yet")).passed()).isFalse();
	}

	@Test
	void summaryIsMinMedianMaxOfWhatWasMeasured() {
		assertThat(TrialSeries.summary(List.of(ms(3000), ms(1000), ms(2000)))).isEqualTo("1.00 / 2.00 / 3.00 s");
		assertThat(TrialSeries.summary(List.of(ms(1000), ms(2000)))).isEqualTo("1.00 / 1.50 / 2.00 s");
		assertThat(TrialSeries.summary(java.util.Arrays.asList(null, ms(1000)))).isEqualTo("1.00 / 1.00 / 1.00 s");
		assertThat(TrialSeries.summary(java.util.Arrays.asList((Duration) null))).isEqualTo("-");
	}

	@Test
	void earlyFaultsAreThoseBeforeTheSecondPing() {
		TrialSeries series = series(new Trial(ms(999), ms(1800), ms(300), 20, 0, LossCounts.NONE, null),
				new Trial(ms(1000), ms(1800), ms(300), 20, 0, LossCounts.NONE, null));
		assertThat(series.young()).isEqualTo(1);
	}

	@Test
	void theReportShowsOneRowPerSeries() {
		TrialSeries series = series(trial(1800, 300, 0, null), trial(null, 400, 0, null));
		assertThat(LabReport.render(List.of(), List.of(series))).contains(
				"| blackhole | subscriber | libzmq | starter | heartbeat 500ms/1500ms | 2 | 1 | 1.80 / 1.80 / 1.80 s | 3.00 s |",
				"| 40 | 0 | 6 / 6 | FAIL: 1 detection(s) missing or over bound |");
	}

	private static TrialSeries series(Trial... trials) {
		return new TrialSeries("blackhole", "subscriber", "libzmq", "starter", "heartbeat 500ms/1500ms", BOUND,
				BOUND, Duration.ofSeconds(1), List.of(trials));
	}

	private static Trial trial(Integer detectionMillis, int recoveryMillis, int lost, String exempt) {
		return new Trial(ms(500), (detectionMillis != null) ? ms(detectionMillis) : null, ms(recoveryMillis), 20, lost,
				new LossCounts(3, 3, 3, 0), exempt);
	}

	private static Duration ms(long millis) {
		return Duration.ofMillis(millis);
	}

}
