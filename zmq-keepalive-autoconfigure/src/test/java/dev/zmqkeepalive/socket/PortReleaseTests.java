package dev.zmqkeepalive.socket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.zmqkeepalive.TestPorts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PortRelease} waits only for ports a bind would take again, and only while they
 * are held.
 */
class PortReleaseTests {

	@Test
	void onlyTcpEndpointsWithALiteralAddressOrAWildcardHostAndAFixedPortAreWaitedFor() throws IOException {
		assertThat(PortRelease.fixedTcpAddress("tcp://127.0.0.1:5556"))
			.isEqualTo(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 5556));
		assertThat(PortRelease.fixedTcpAddress("tcp://*:5556")).isEqualTo(new InetSocketAddress(5556));
		assertThat(PortRelease.fixedTcpAddress("tcp://[::1]:5556"))
			.isEqualTo(new InetSocketAddress(InetAddress.getByName("::1"), 5556));
		assertThat(PortRelease.fixedTcpAddress("tcp://127.0.0.1:*")).isNull();
		assertThat(PortRelease.fixedTcpAddress("tcp://eth0:5556")).isNull();
		assertThat(PortRelease.fixedTcpAddress("ipc:///tmp/feed")).isNull();
		assertThat(PortRelease.fixedTcpAddress("inproc://feed")).isNull();
	}

	@Test
	void aHeldPortIsWaitedForUntilTheTimeoutAndAFreeOneNotAtAll() throws IOException {
		int port = TestPorts.free();
		String endpoint = "tcp://127.0.0.1:" + port;
		try (ServerSocket holder = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			long start = System.nanoTime();
			assertThat(PortRelease.awaitFree(List.of(endpoint), Duration.ofMillis(200))).isOne();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
		}
		long start = System.nanoTime();
		assertThat(PortRelease.awaitFree(List.of(endpoint, "tcp://127.0.0.1:*"), Duration.ofSeconds(5))).isZero();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
	}

}
