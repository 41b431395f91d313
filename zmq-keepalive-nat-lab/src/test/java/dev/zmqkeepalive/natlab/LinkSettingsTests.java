package dev.zmqkeepalive.natlab;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The bounds the report checks against follow from the settings, not from measurements. */
class LinkSettingsTests {

	@Test
	void keepaliveBoundIsIdlePlusCountIntervalsPlusTolerance() {
		LinkSettings settings = LinkSettings.keepaliveOnly(1, 1, 3);
		assertThat(settings.keepaliveDetectionBound()).isEqualTo(Duration.ofSeconds(4).plus(LinkSettings.TOLERANCE));
	}

	@Test
	void heartbeatBoundIsIntervalPlusTimeoutPlusTolerance() {
		LinkSettings settings = LinkSettings.heartbeatOnly(Duration.ofSeconds(1), Duration.ofSeconds(3));
		assertThat(settings.heartbeatDetectionBound()).isEqualTo(Duration.ofSeconds(4).plus(LinkSettings.TOLERANCE));
	}

	@Test
	void silenceBoundIsTheTighterOfTheEnabledMechanisms() {
		LinkSettings settings = LinkSettings.keepaliveOnly(2, 1, 3)
			.withHeartbeat(Duration.ofSeconds(1), Duration.ofSeconds(2));
		assertThat(settings.silenceDetectionBound()).isEqualTo(settings.heartbeatDetectionBound());
	}

	@Test
	void recoveryBoundIsTheReconnectCeilingPlusTolerance() {
		assertThat(LinkSettings.keepaliveOnly(1, 1, 3).recoveryBound())
			.isEqualTo(Duration.ofSeconds(2).plus(LinkSettings.TOLERANCE));
	}

	@Test
	void ttlBoundIsTheTtlPlusTolerance() {
		LinkSettings settings = LinkSettings.heartbeatOnly(Duration.ofMillis(500), Duration.ofMillis(1500))
			.withHeartbeatTtl(Duration.ofSeconds(2));
		assertThat(settings.ttlDetectionBound()).isEqualTo(Duration.ofSeconds(2).plus(LinkSettings.TOLERANCE));
		assertThat(settings.describe()).isEqualTo("keepalive off, heartbeat 500ms/1500ms TTL 2s, reconnect 100ms...2s");
	}

	@Test
	void descriptionNamesWhatIsOff() {
		assertThat(LinkSettings.heartbeatOnly(Duration.ofSeconds(1), Duration.ofSeconds(3)).describe())
			.isEqualTo("keepalive off, heartbeat 1s/3s, reconnect 100ms...2s");
	}

}
