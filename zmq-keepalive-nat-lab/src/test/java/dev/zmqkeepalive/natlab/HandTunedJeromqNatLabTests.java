package dev.zmqkeepalive.natlab;

/**
 * The fault scenarios with a raw JeroMQ subscriber whose keepalive, heartbeat and reconnect
 * options are set by hand, against the libzmq publisher. A control for the lab: it shows
 * each fault switch does what it should with nothing but JeroMQ's own options.
 */
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
