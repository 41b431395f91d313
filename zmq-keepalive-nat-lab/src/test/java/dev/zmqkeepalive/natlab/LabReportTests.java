package dev.zmqkeepalive.natlab;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The report renders what was measured and says so where nothing was. */
class LabReportTests {

	@Test
	void durationsAreShownInSecondsWithTwoDecimals() {
		assertThat(LabReport.format(Duration.ofMillis(4083), "never")).isEqualTo("4.08 s");
	}

	@Test
	void anAbsentMeasurementIsShownAsSuch() {
		assertThat(LabReport.format(null, "never")).isEqualTo("never");
	}

	@Test
	void eachResultBecomesOneTableRow() {
		ScenarioResult result = new ScenarioResult("4 blackhole", "libzmq", "starter", "keepalive 1s/1sx3",
				Duration.ofMillis(4080), Duration.ofSeconds(5), null, Duration.ofSeconds(3), 20, 20, 7L, 7L, "FAIL");
		assertThat(LabReport.render(List.of(result)))
			.contains("| 4 blackhole | libzmq | starter | keepalive 1s/1sx3 | 4.08 s | 5.00 s | never | 3.00 s | 20 | 20 | 7 / 7 | FAIL |");
	}

}
