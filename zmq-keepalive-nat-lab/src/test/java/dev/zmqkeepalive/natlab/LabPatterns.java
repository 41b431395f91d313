package dev.zmqkeepalive.natlab;

import java.util.regex.Pattern;

/** The lines lab processes print, in the sample app's format. */
final class LabPatterns {

	static final Pattern READY = Pattern.compile("^ready ");

	static final Pattern RECEIVED = Pattern.compile("received topic=ticks payload=tick (\\d+)");

	static final Pattern SENT = Pattern.compile("sent topic=ticks payload=tick (\\d+)");

	/** The sample app's quotes, on the same socket as its ticks and numbered on their own. */
	static final Pattern RECEIVED_QUOTE = Pattern.compile("received quote (\\d+):");

	/** The sample app's publisher logs this at DEBUG for every quote it hands to the socket. */
	static final Pattern SENT_QUOTE = Pattern.compile("sent quote (\\d+)$");

	/** A gap the subscriber counted: the sample app's line, printed alike by the plain subscriber. */
	static final Pattern LOST = Pattern.compile("zmq lost socket=ticks-in publisher=\\S+ missing=(\\d+)\\.\\.(\\d+) count=(\\d+)");

	// The sample app logs kinds by id ("disconnected", "handshake-succeeded"); the plain
	// processes by JeroMQ's constant names. Both match.

	static final Pattern ACCEPTED = event("accepted");

	static final Pattern DISCONNECTED = event("disconnected");

	static final Pattern CONNECTED = event("connected");

	/** A completed ZMTP handshake, CURVE and ZAP included (sample app and libzmq alike). */
	static final Pattern HANDSHAKE_SUCCEEDED = event("handshake[-_]succeeded");

	/** The starter's refused or failed handshake. */
	static final Pattern HANDSHAKE_FAILED = event("handshake-failed");

	/** The sample app's "Spring Boot has started" line. */
	static final Pattern SAMPLE_APP_STARTED = Pattern.compile("Started SampleApplication in");

	private LabPatterns() {
	}

	static Pattern event(String kind) {
		return Pattern.compile("zmq event socket=\\S+ kind=" + kind + "\\b", Pattern.CASE_INSENSITIVE);
	}

	static Pattern received(long tick) {
		return Pattern.compile("received topic=ticks payload=tick " + tick + "$");
	}

}
