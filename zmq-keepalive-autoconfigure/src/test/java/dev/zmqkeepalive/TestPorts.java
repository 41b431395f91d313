package dev.zmqkeepalive;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loopback ports for tests that need to know a port before anything binds it.
 * <p>
 * They come from below Linux's default ephemeral range (32768-60999), not from the
 * kernel's pick for port 0, which is in that range: the many outgoing connections of the
 * tests take their local ports from it, and one of them could take a port between the
 * moment it is handed out and the moment the test binds it. Each JVM starts at a random
 * point and walks up, so two runs side by side rarely meet, and a port is handed out
 * once per JVM until the range wraps.
 */
public final class TestPorts {

	private static final int FIRST = 20000;

	private static final int COUNT = 12000;

	private static final AtomicInteger next = new AtomicInteger(ThreadLocalRandom.current().nextInt(COUNT));

	private TestPorts() {
	}

	/** A port that was free a moment ago on 127.0.0.1, outside the ephemeral range. */
	public static int free() {
		for (int tried = 0; tried < COUNT; tried++) {
			int port = FIRST + Math.floorMod(next.getAndIncrement(), COUNT);
			if (isFree(port)) {
				return port;
			}
		}
		throw new IllegalStateException("No free port on 127.0.0.1 in " + FIRST + "-" + (FIRST + COUNT - 1));
	}

	/** A loopback port nothing listens on: connects to it are refused. */
	public static String unreachableEndpoint() {
		return "tcp://127.0.0.1:" + free();
	}

	private static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
