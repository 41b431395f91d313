package dev.zmqkeepalive.socket;

import java.util.List;
import java.util.concurrent.ThreadFactory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ConnectEndpoints} names the configured endpoint JeroMQ means by the address it
 * reports without a lookup wherever the configuration alone tells.
 */
class ConnectEndpointsTests {

	private final ThreadFactory noThreads = (runnable) -> {
		throw new AssertionError("no lookup thread expected");
	};

	@Test
	void anExactMatchASingleEndpointOrASingleEndpointOnThePortNeedsNoLookup() {
		assertThat(endpoints("tcp://10.0.0.1:5556", "tcp://pub-b.example:5556").withoutLookup("tcp://10.0.0.1:5556"))
			.isEqualTo("tcp://10.0.0.1:5556");
		assertThat(endpoints("tcp://pub-a.example:5556").withoutLookup("tcp://10.1.2.3:5556"))
			.isEqualTo("tcp://pub-a.example:5556");
		assertThat(endpoints("tcp://pub-a.example:5556", "tcp://pub-b.example:5557").withoutLookup("tcp://10.1.2.3:5557"))
			.isEqualTo("tcp://pub-b.example:5557");
	}

	@Test
	void twoHostNamesOnTheReportedPortNeedALookup() {
		assertThat(endpoints("tcp://pub-a.example:5556", "tcp://pub-b.example:5556").withoutLookup("tcp://10.1.2.3:5556"))
			.isNull();
	}

	@Test
	void aLookupMatchesAnyAddressOfAHostAndOnlyOnItsPort() {
		ConnectEndpoints endpoints = endpoints("tcp://127.0.0.1:5556", "tcp://localhost:5556", "tcp://localhost:5557");
		assertThat(endpoints.byLookup("tcp://127.0.0.1:5556")).contains("tcp://localhost:5556")
			.doesNotContain("tcp://localhost:5557");
		assertThat(endpoints.byLookup("tcp://127.0.0.9:5556")).isEmpty();
		assertThat(endpoints.notIn("tcp://127.0.0.9:5556", List.of("tcp://127.0.0.1:5556"))).isEmpty();
		assertThat(endpoints.notIn("tcp://127.0.0.9:5557", List.of("tcp://127.0.0.1:5556")))
			.containsExactly("tcp://localhost:5557");
	}

	private ConnectEndpoints endpoints(String... connect) {
		return new ConnectEndpoints(SocketStates.settings("in", ZmqSocketType.SUB, List.of(), List.of(connect), null),
				this.noThreads);
	}

}
