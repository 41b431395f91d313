package dev.zmqkeepalive.natlab;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading {@code ss -Htn} output. */
class TcpConnectionTests {

	@Test
	void parsesLocalAndPeerFromAnSsLine() {
		TcpConnection connection = TcpConnection.parse("ESTAB 0      0         10.201.2.2:49608   10.201.1.2:5556");
		assertThat(connection.local()).isEqualTo("10.201.2.2:49608");
		assertThat(connection.peer()).isEqualTo("10.201.1.2:5556");
	}

	@Test
	void matchesAPortOnEitherEnd() {
		TcpConnection connection = TcpConnection.parse("ESTAB 0 0 [::ffff:10.201.1.2]:5556 [::ffff:10.201.1.1]:49608");
		assertThat(connection.involvesPort(5556)).isTrue();
		assertThat(connection.involvesPort(49608)).isTrue();
		assertThat(connection.involvesPort(5557)).isFalse();
	}

}
