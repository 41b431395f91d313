package dev.zmqkeepalive.autoconfigure;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Tells which JeroMQ the application runs on. The starter's liveness bounds hold only on
 * {@code dev.zmqkeepalive:zmq-keepalive-jeromq}, JeroMQ 0.6.0 with the poller fixes: on
 * stock JeroMQ heartbeats miss a third or more of dead peers, and two copies of JeroMQ on
 * the class path mean the class path's order decides which one runs. Both are logged at
 * startup as warnings, not failures: an application may knowingly go back to stock JeroMQ.
 *
 * @author zmq-keepalive
 */
final class JeromqBuildCheck {

	private static final Log logger = LogFactory.getLog(JeromqBuildCheck.class);

	private static final String POLLER_BASE = "zmq/poll/PollerBase.class";

	private JeromqBuildCheck() {
	}

	/**
	 * Look at the JeroMQ classes the given class loader sees.
	 * @param loader the application's class loader
	 * @return what was found
	 */
	static Finding inspect(ClassLoader loader) {
		List<String> copies = new ArrayList<>();
		try {
			for (URL url : Collections.list(loader.getResources(POLLER_BASE))) {
				copies.add(url.toString().replace("!/" + POLLER_BASE, "").replace(POLLER_BASE, ""));
			}
		}
		catch (IOException ex) {
			// Unknown; the class itself still tells which build runs.
		}
		try {
			// Stock JeroMQ's timers are equal by (sink, id), which is bug A; the fix removed that.
			Class<?> timerInfo = Class.forName("zmq.poll.PollerBase$TimerInfo", false, loader);
			boolean stock = Arrays.stream(timerInfo.getDeclaredMethods())
				.anyMatch((method) -> method.getName().equals("equals"));
			return new Finding(stock ? Build.STOCK : Build.PATCHED, copies);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return new Finding(Build.UNKNOWN, copies);
		}
	}

	/**
	 * Log a warning if the application runs on stock JeroMQ or has more than one copy of it.
	 * @param loader the application's class loader
	 */
	static void warnIfUnreliable(ClassLoader loader) {
		Finding finding = inspect(loader);
		@Nullable String warning = finding.warning();
		if (warning != null) {
			logger.warn(warning);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("JeroMQ: " + finding.build() + " build from " + finding.copies());
		}
	}

	/** Which JeroMQ build the classes are. */
	enum Build {

		/** zmq-keepalive-jeromq: JeroMQ 0.6.0 with the poller fixes. */
		PATCHED,

		/** org.zeromq:jeromq as released. */
		STOCK,

		/** Not a JeroMQ with the classes this check knows. */
		UNKNOWN

	}

	/**
	 * What {@link #inspect} found.
	 * @param build the build whose classes are loaded
	 * @param copies where each copy of JeroMQ's poller class is on the class path
	 */
	record Finding(Build build, List<String> copies) {

		@Nullable String warning() {
			if (this.copies.size() > 1) {
				return "JeroMQ is on the class path " + this.copies.size() + " times " + this.copies
						+ "; the class path's order decides which runs (now the " + this.build.name().toLowerCase()
						+ " build). Keep only dev.zmqkeepalive:zmq-keepalive-jeromq: exclude org.zeromq:jeromq from "
						+ "the dependency that brings it.";
			}
			if (this.build == Build.STOCK) {
				return "Running on stock JeroMQ " + this.copies + ": its I/O thread can lose heartbeat timers, so a "
						+ "dead or hung peer may go unnoticed, and about 1 fresh connect in 30 stalls until the "
						+ "handshake timeout. zmq-keepalive's liveness bounds hold on dev.zmqkeepalive:"
						+ "zmq-keepalive-jeromq, which the starter brings unless it was excluded.";
			}
			return null;
		}

	}

}
