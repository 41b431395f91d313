package dev.zmqkeepalive.natlab;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The fault scenarios with a raw JeroMQ subscriber whose keepalive, heartbeat and reconnect
 * options are set by hand, against the libzmq publisher. A control for the lab: it shows
 * each fault switch does what it should with nothing but JeroMQ's own options. Off by
 * default to keep the lab under five minutes; run with {@code -Dnatlab.controls=true}.
 */
@EnabledIfSystemProperty(named = "natlab.controls", matches = "true",
		disabledReason = "control run for the lab itself; enable with -Dnatlab.controls=true")
class HandTunedJeromqNatLabTests extends FaultScenarios {

	@Override
	LabSubscriber subscriber() {
		return PlainJeromqSubscribers.HAND_TUNED;
	}

	@Override
	LabPublisher.Launcher publisher() {
		return PlainPublishers.LIBZMQ;
	}

}
