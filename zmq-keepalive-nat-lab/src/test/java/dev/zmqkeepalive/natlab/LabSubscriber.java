package dev.zmqkeepalive.natlab;

/** Starts a subscriber in the lab's subscriber namespace, connected to the publisher host. */
interface LabSubscriber {

	String description();

	/** Start it and wait until it says it is ready (not until it is connected). */
	LabProcess start(NatLab lab, LinkSettings settings);

}
