package dev.zmqkeepalive.natlab;

/** Starts a subscriber in the lab's subscriber namespace, connected to the publisher host. */
interface LabSubscriber {

	String description();

	/** Start it and wait until it says it is ready (not until it is connected). */
	LabProcess start(NatLab lab, LinkSettings settings);

	/**
	 * Messages lost as the subscriber itself counted them from the envelope's sequence numbers
	 * (the sample app's {@code zmq.socket.messages.lost} meter, the plain subscriber's own count).
	 */
	long lostMeter(NatTopology topology, LabProcess process);

	/** Messages that arrived without an envelope, as the subscriber counted them. */
	long unframedMeter(NatTopology topology, LabProcess process);

}
