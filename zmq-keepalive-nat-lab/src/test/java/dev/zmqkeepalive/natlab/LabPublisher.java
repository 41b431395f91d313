package dev.zmqkeepalive.natlab;

import java.util.List;

/** A running publisher the lab can make publish. */
interface LabPublisher {

	String description();

	LabProcess process();

	/** When it said it was ready to publish. */
	java.time.Instant readyAt();

	/** Publish messages and wait until the publisher has handed them to its socket. @return their tick numbers */
	List<Long> publish(int count);

	/** Every tick this publisher has handed to its socket so far, in order (the envelope's sequence numbers). */
	List<Long> published();

	/** Starts a publisher in the lab's publisher namespace, bound to {@link Waits#PORT}. */
	interface Launcher {

		String description();

		/** Start one; publishers that have no liveness options of their own ignore the settings. */
		LabPublisher start(NatLab lab, LinkSettings settings);

	}

}
