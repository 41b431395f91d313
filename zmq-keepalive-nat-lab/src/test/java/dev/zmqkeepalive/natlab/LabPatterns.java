package dev.zmqkeepalive.natlab;

import java.util.regex.Pattern;

/** The lines lab processes print, in the sample app's format. */
final class LabPatterns {

	static final Pattern READY = Pattern.compile("^ready ");

	static final Pattern RECEIVED = Pattern.compile("received topic=ticks payload=tick (\\d+)");

	static final Pattern SENT = Pattern.compile("sent topic=ticks payload=tick (\\d+)");

	/** A gap the subscriber counted: the sample app's line, printed alike by the plain subscriber. */
	static final Pattern LOST = Pattern.compile("zmq lost socket=ticks-in publisher=\\S+ missing=(\\d+)\\.\\.(\\d+) count=(\\d+)");

	// The sample app logs kinds by id ("disconnected", "handshake-succeeded"); the plain
	// processes by JeroMQ's constant names. Both match.

	static final Pattern ACCEPTED = event("accepted");

	static final Pattern DISCONNECTED = event("disconnected");

	static final Pattern CONNECTED = event("connected");

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
