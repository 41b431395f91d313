package dev.zmqkeepalive.socket;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * Waits for the TCP ports a closed socket had bound to be free again. JeroMQ closes a
 * listener's channel on its I/O thread, and Java releases a channel registered with a
 * selector only at that selector's next turn, so the port can still be held for a moment
 * after JeroMQ reports the socket destroyed. Binding it again then fails with "address
 * already in use", and every failed attempt reports {@code bind-failed} and
 * {@code closed} events; a plain bind with {@code SO_REUSEADDR} (as JeroMQ binds), closed
 * at once, tells without that.
 *
 * @author zmq-keepalive
 */
final class PortRelease {

	private static final long PAUSE_NANOS = Duration.ofMillis(5).toNanos();

	private PortRelease() {
	}

	/**
	 * Wait until every {@code tcp://} bind endpoint with a fixed port can be bound.
	 * @param bind the socket's bind endpoints, as configured
	 * @param timeout how long to wait at most
	 * @return how many of them were still held when the wait ended
	 */
	static int awaitFree(List<String> bind, Duration timeout) {
		List<InetSocketAddress> addresses = new ArrayList<>();
		for (String endpoint : bind) {
			InetSocketAddress address = fixedTcpAddress(endpoint);
			if (address != null) {
				addresses.add(address);
			}
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			addresses.removeIf(PortRelease::canBind);
			if (addresses.isEmpty() || System.nanoTime() - deadline > 0) {
				return addresses.size();
			}
			LockSupport.parkNanos(PAUSE_NANOS);
		}
	}

	/** The address of a {@code tcp://host:port} endpoint with a numeric port, else {@code null}. */
	static @Nullable InetSocketAddress fixedTcpAddress(String endpoint) {
		if (!endpoint.startsWith("tcp://")) {
			return null;
		}
		String address = endpoint.substring("tcp://".length());
		// A source address ("tcp://src;host:port") is a connect endpoint's business.
		int colon = address.lastIndexOf(':');
		if (colon < 0 || address.contains(";")) {
			return null;
		}
		String host = address.substring(0, colon);
		int port;
		try {
			port = Integer.parseInt(address.substring(colon + 1));
		}
		catch (NumberFormatException ex) {
			// "*" or a range: a new port is chosen on every bind, nothing to wait for.
			return null;
		}
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		if (host.equals("*")) {
			return new InetSocketAddress(port);
		}
		try {
			// Only literal addresses: no name lookup here, and an interface name is left
			// to JeroMQ.
			if (!Character.isDigit(host.charAt(0)) && !host.contains(":")) {
				return null;
			}
			return new InetSocketAddress(InetAddress.getByName(host), port);
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	private static boolean canBind(InetSocketAddress address) {
		try (ServerSocketChannel probe = ServerSocketChannel.open()) {
			probe.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			probe.bind(address);
			return true;
		}
		catch (BindException ex) {
			return false;
		}
		catch (IOException | RuntimeException ex) {
			// Not something waiting helps with: JeroMQ's own bind will say what it is.
			return true;
		}
	}

}
