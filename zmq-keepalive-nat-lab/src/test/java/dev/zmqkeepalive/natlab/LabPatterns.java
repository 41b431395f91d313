package dev.zmqkeepalive.natlab;

import java.util.regex.Pattern;

/** The lines lab processes print, in the sample app's format. */
final class LabPatterns {

	static final Pattern READY = Pattern.compile("^ready ");

	static final Pattern RECEIVED = Pattern.compile("received topic=ticks payload=tick (\\d+)");

	static final Pattern SENT = Pattern.compile("sent topic=ticks payload=tick (\\d+)");

	static final Pattern ACCEPTED = Pattern.compile("zmq event socket=\\S+ kind=ACCEPTED");

	static final Pattern DISCONNECTED = Pattern.compile("zmq event socket=\\S+ kind=DISCONNECTED");

	static final Pattern CONNECTED = Pattern.compile("zmq event socket=\\S+ kind=CONNECTED");

	private LabPatterns() {
	}

	static Pattern received(long tick) {
		return Pattern.compile("received topic=ticks payload=tick " + tick + "$");
	}

}
