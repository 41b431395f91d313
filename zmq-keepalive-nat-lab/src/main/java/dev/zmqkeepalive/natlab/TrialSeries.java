package dev.zmqkeepalive.natlab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Repeated randomised trials of one scenario, with the bounds every one of them must keep.
 * A miss is a trial whose detection is absent or over the bound; the verdict fails on any
 * miss, on any recovery over its bound, on any message lost after recovery and on any round
 * whose losses the subscriber's meter and the lab counted differently.
 *
 * @param scenario what happened, e.g. {@code blackhole}
 * @param observer whose disconnected event is measured: {@code subscriber} or {@code publisher}
 * @param publisher which publisher ran
 * @param subscriber which subscriber ran
 * @param settings the settings that matter for the bound, as configured
 * @param detectionBound the most detection may take given the settings
 * @param recoveryBound the most recovery may take given the settings
 * @param youngAge faults at connections younger than this count as early (before the
 * second PING)
 * @param trials the trials so far
 */
public record TrialSeries(String scenario, String observer, String publisher, String subscriber, String settings,
		Duration detectionBound, Duration recoveryBound, Duration youngAge, List<Trial> trials) {

	public TrialSeries {
		trials = List.copyOf(trials);
	}

	public TrialSeries with(Trial trial) {
		List<Trial> more = new ArrayList<>(this.trials);
		more.add(trial);
		return new TrialSeries(this.scenario, this.observer, this.publisher, this.subscriber, this.settings,
				this.detectionBound, this.recoveryBound, this.youngAge, more);
	}

	/** Trials that count against the bound. */
	public List<Trial> counted() {
		return this.trials.stream().filter(Trial::counts).toList();
	}

	public List<Trial> exempted() {
		return this.trials.stream().filter((trial) -> !trial.counts()).toList();
	}

	public long misses() {
		return counted().stream().filter((trial) -> !within(trial.detection(), this.detectionBound)).count();
	}

	public long recoveryMisses() {
		return this.trials.stream().filter((trial) -> !within(trial.recovery(), this.recoveryBound)).count();
	}

	public int lost() {
		return this.trials.stream().mapToInt(Trial::lost).sum();
	}

	/** Messages lost over all rounds, as the subscriber's meter and the lab counted them. */
	public LossCounts losses() {
		return this.trials.stream().map(Trial::losses).reduce(LossCounts.NONE, LossCounts::plus);
	}

	/** Rounds whose losses the subscriber's meter and the lab counted differently. */
	public long lossDisagreements() {
		return this.trials.stream().filter((trial) -> !trial.losses().agree()).count();
	}

	public int published() {
		return this.trials.stream().mapToInt(Trial::published).sum();
	}

	public long young() {
		return this.trials.stream().filter((trial) -> trial.connectionAge().compareTo(this.youngAge) < 0).count();
	}

	public boolean passed() {
		return !counted().isEmpty() && misses() == 0 && recoveryMisses() == 0 && lost() == 0
				&& lossDisagreements() == 0;
	}

	public String verdict() {
		if (passed()) {
			return "PASS";
		}
		List<String> failures = new ArrayList<>();
		if (counted().isEmpty()) {
			failures.add("no trial counted");
		}
		if (misses() > 0) {
			failures.add(misses() + " detection(s) missing or over bound");
		}
		if (recoveryMisses() > 0) {
			failures.add(recoveryMisses() + " recovery(ies) missing or over bound");
		}
		if (lost() > 0) {
			failures.add(lost() + " message(s) lost after recovery");
		}
		if (lossDisagreements() > 0) {
			failures.add(lossDisagreements() + " round(s) where the subscriber's loss count differs from the lab's");
		}
		return "FAIL: " + String.join(", ", failures);
	}

	/** {@code min / median / max} of the detections measured (absent ones are left out, and counted as misses). */
	public String detectionSummary() {
		return summary(counted().stream().map(Trial::detection).toList());
	}

	public String recoverySummary() {
		return summary(this.trials.stream().map(Trial::recovery).toList());
	}

	public String ageSummary() {
		return summary(this.trials.stream().map(Trial::connectionAge).toList());
	}

	static String summary(List<Duration> durations) {
		List<Duration> present = durations.stream().filter(Objects::nonNull).sorted(Comparator.naturalOrder()).toList();
		if (present.isEmpty()) {
			return "-";
		}
		Duration median = (present.size() % 2 == 1) ? present.get(present.size() / 2)
				: present.get(present.size() / 2 - 1).plus(present.get(present.size() / 2)).dividedBy(2);
		return String.format(Locale.ROOT, "%.2f / %.2f / %.2f s", seconds(present.get(0)), seconds(median),
				seconds(present.get(present.size() - 1)));
	}

	private static double seconds(Duration duration) {
		return duration.toNanos() / 1e9;
	}

	private static boolean within(Duration measured, Duration bound) {
		return measured != null && measured.compareTo(bound) <= 0;
	}

}
