package dev.zmqkeepalive.natlab;

/**
 * Scenarios 2 to 5 with the sample app's starter-based subscriber against the libzmq
 * publisher: the fix shown against the C library.
 */
class StarterSubscriberNatLabTests extends FaultScenarios {

	@Override
	LabSubscriber subscriber() {
		return SampleAppSubscriber.INSTANCE;
	}

	@Override
	LabPublisher.Launcher publisher() {
		return PlainPublishers.LIBZMQ;
	}

	@Override
	boolean subscriberHasHealth() {
		return true;
	}

}
