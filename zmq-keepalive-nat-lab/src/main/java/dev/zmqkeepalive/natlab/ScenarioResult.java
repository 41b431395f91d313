package dev.zmqkeepalive.natlab;

import java.time.Duration;

/**
 * What one scenario measured, next to the bounds computed from the settings it used.
 *
 * @param scenario short name, e.g. {@code 1 baseline / idle expiry}
 * @param publisher which publisher ran (plain JeroMQ, libzmq, starter)
 * @param subscriber which subscriber ran
 * @param settings the settings that matter for the bounds, as configured
 * @param detection fault to the subscriber's disconnected event; {@code null} if never seen
 * @param detectionBound the most detection may take given the settings; {@code null} if none applies
 * @param recovery path back to first message received; {@code null} if never
 * @param recoveryBound the most recovery may take given the settings; {@code null} if none applies
 * @param published messages published after the fault
 * @param lost of those, how many never arrived
 * @param lostByMeter messages lost over the scenario as the subscriber counted them from the
 * envelope's sequence numbers; {@code null} if not measured
 * @param lostByHarness the same window as the lab counts it from what was published and what
 * arrived; {@code null} if not measured
 * @param verdict what the run showed, e.g. {@code PASS} or {@code failure reproduced}
 */
public record ScenarioResult(String scenario, String publisher, String subscriber, String settings,
		Duration detection, Duration detectionBound, Duration recovery, Duration recoveryBound, int published,
		int lost, Long lostByMeter, Long lostByHarness, String verdict) {

	public boolean detectedWithinBound() {
		return this.detection != null && this.detectionBound != null && this.detection.compareTo(this.detectionBound) <= 0;
	}

	public boolean recoveredWithinBound() {
		return this.recovery != null && this.recoveryBound != null && this.recovery.compareTo(this.recoveryBound) <= 0;
	}

}
