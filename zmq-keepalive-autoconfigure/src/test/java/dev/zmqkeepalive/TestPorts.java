package dev.zmqkeepalive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Loopback ports for tests that need to know a port before anything binds it.
 */
public final class TestPorts {

	private TestPorts() {
	}

	/** A port that was free a moment ago on 127.0.0.1. */
	public static int free() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A loopback port nothing listens on: connects to it are refused. */
	public static String unreachableEndpoint() {
		return "tcp://127.0.0.1:" + free();
	}

}
