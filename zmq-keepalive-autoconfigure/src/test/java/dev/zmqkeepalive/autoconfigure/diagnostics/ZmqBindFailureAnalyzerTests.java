package dev.zmqkeepalive.autoconfigure.diagnostics;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.zmqkeepalive.socket.ZmqBindException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ZmqBindFailureAnalyzer} turns the socket, role and index a bind failure carries
 * into the property that declared the endpoint.
 */
class ZmqBindFailureAnalyzerTests {

	private final ZmqBindFailureAnalyzer analyzer = new ZmqBindFailureAnalyzer(null);

	@Test
	void aBindFailureNamesTheBindPropertyAndAdvisesFreeingThePort() {
		FailureAnalysis analysis = this.analyzer.analyze(failure(ZmqBindException.Role.BIND, 1, "tcp://*:5556",
				"address already in use"));
		assertThat(analysis.getDescription()).isEqualTo(
				"Socket 'ticks' could not bind 'tcp://*:5556' (zmq.keepalive.sockets.ticks.bind[1]): address already in use");
		assertThat(analysis.getAction()).isEqualTo("Stop the process using 'tcp://*:5556' or change "
				+ "'zmq.keepalive.sockets.ticks.bind[1]' (a port of * binds a free one).");
	}

	@Test
	void aConnectFailureNamesTheConnectProperty() {
		FailureAnalysis analysis = this.analyzer.analyze(failure(ZmqBindException.Role.CONNECT, 0,
				"tcp://no-such-host:5556", "address not available on this host"));
		assertThat(analysis.getDescription()).contains("could not connect 'tcp://no-such-host:5556'")
			.contains("(zmq.keepalive.sockets.ticks.connect[0])");
		assertThat(analysis.getAction()).contains("'zmq.keepalive.sockets.ticks.connect[0]'")
			.doesNotContain("Stop the process");
	}

	private static ZmqBindException failure(ZmqBindException.Role role, int index, String endpoint, String reason) {
		return new ZmqBindException("ticks", role, index, endpoint, reason, new IllegalStateException(reason));
	}

}
