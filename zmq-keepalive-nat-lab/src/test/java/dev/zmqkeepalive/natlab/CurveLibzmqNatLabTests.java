package dev.zmqkeepalive.natlab;

/**
 * The heartbeat blackhole of {@link CurveScenarios} with libzmq's CURVE server (pyzmq, an
 * allow-list through pyzmq's ZAP handler) as the publisher: the starter's CURVE client
 * against the C library's, PINGs and PONGs sealed by CURVE between the two, and libzmq's
 * ZAP check on the reconnect.
 */
class CurveLibzmqNatLabTests extends CurveScenarios {

	@Override
	LabPublisher.Launcher publisher() {
		return PlainPublishers.libzmqCurve(this.keys.allowed);
	}

}
