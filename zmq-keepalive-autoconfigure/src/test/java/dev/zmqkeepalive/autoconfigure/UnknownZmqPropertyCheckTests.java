package dev.zmqkeepalive.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import dev.zmqkeepalive.autoconfigure.diagnostics.FailureAnalyzersAccess;
import dev.zmqkeepalive.socket.AppliedOptions;
import dev.zmqkeepalive.socket.ManagedSocketRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UnknownZmqPropertyCheck}: a key the starter does not know fails
 * startup instead of being ignored, and every form Spring Boot binds is still accepted.
 */
class UnknownZmqPropertyCheckTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class));

	@Test
	void whenASocketKeyIsMisspelledThenStartupFailsNamingItAndTheClosestValidKey() {
		this.runner
			.withPropertyValues("zmq.keepalive.sockets.ticks-in.type=sub",
					"zmq.keepalive.sockets.ticks-in.connect=tcp://127.0.0.1:5556",
					"zmq.keepalive.sockets.ticks-in.silence-timout=1s")
			.run((context) -> {
				UnknownZmqPropertyException failure = unknown(context);
				assertThat(failure.getKeys()).singleElement().satisfies((key) -> {
					assertThat(key.property()).isEqualTo("zmq.keepalive.sockets.ticks-in.silence-timout");
					assertThat(key.closest()).isEqualTo("zmq.keepalive.sockets.ticks-in.silence-timeout");
					assertThat(key.scope()).isEqualTo("zmq.keepalive.sockets.<name>");
					assertThat(key.validKeys()).contains("type", "connect", "silence-timeout", "tcp.idle",
							"heartbeat.interval", "reconnect.max-interval");
				});
				assertThat(failure).hasMessageContaining("did you mean 'zmq.keepalive.sockets.ticks-in.silence-timeout'");
			});
	}

	@Test
	void whenAMisspelledKeyStandsNextToTheValidOneThenStartupStillFails() {
		this.runner
			.withPropertyValues("zmq.keepalive.sockets.ticks-in.type=sub",
					"zmq.keepalive.sockets.ticks-in.connect=tcp://127.0.0.1:5556",
					"zmq.keepalive.sockets.ticks-in.conect=tcp://127.0.0.1:5557")
			.run((context) -> assertThat(unknown(context).getKeys()).singleElement().satisfies((key) -> {
				assertThat(key.property()).isEqualTo("zmq.keepalive.sockets.ticks-in.conect");
				assertThat(key.closest()).isEqualTo("zmq.keepalive.sockets.ticks-in.connect");
			}));
	}

	@Test
	void whenAGlobalGroupKeyIsUnknownThenStartupFailsListingTheGroupsKeys() {
		this.runner.withPropertyValues("zmq.keepalive.tcp.idel=30s", "zmq.keepalive.heartbeat.intervall=5s",
				"zmq.keepalive.reconnect.max=5s")
			.run((context) -> {
				UnknownZmqPropertyException failure = unknown(context);
				assertThat(failure.getKeys()).extracting(UnknownZmqPropertyException.UnknownKey::closest)
					.containsExactlyInAnyOrder("zmq.keepalive.tcp.idle", "zmq.keepalive.heartbeat.interval",
							"zmq.keepalive.reconnect.max-interval");
				assertThat(failure.getKeys().get(0).validKeys()).contains("tcp.idle", "heartbeat.ttl",
						"reconnect.connect-timeout", "handshake-timeout");
			});
	}

	@Test
	void whenAGroupIsLeftOutThenTheClosestKeyIsTheOneInTheGroup() {
		this.runner
			.withPropertyValues("zmq.keepalive.sockets.in.type=sub", "zmq.keepalive.sockets.in.connect=tcp://127.0.0.1:1",
					"zmq.keepalive.sockets.in.idle=30s")
			.run((context) -> assertThat(unknown(context).getKeys()).singleElement()
				.satisfies((key) -> assertThat(key.closest()).isEqualTo("zmq.keepalive.sockets.in.tcp.idle")));
	}

	@Test
	void whenKeysAreWrittenInAnyFormSpringBootBindsThenStartupSucceeds() {
		this.runner
			.withPropertyValues("zmq.keepalive.sockets.in.type=sub", "zmq.keepalive.sockets.in.connect[0]=tcp://127.0.0.1:1",
					"zmq.keepalive.sockets.in.silenceTimeout=30s", "zmq.keepalive.sockets[out].type=pub",
					"zmq.keepalive.sockets[out].bind=tcp://127.0.0.1:*",
					"zmq.keepalive.tcp.idle=30s", "zmq.keepalive.ioThreads=1")
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment",
						Map.of("ZMQ_KEEPALIVE_SOCKETS_IN_SEND_HWM", "77", "ZMQ_KEEPALIVE_SOCKETS_IN_RECEIVEHWM", "78",
								"ZMQ_KEEPALIVE_HEARTBEAT_INTERVAL", "20s"))))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				AppliedOptions in = context.getBean(ManagedSocketRegistry.class).get("in").appliedOptions();
				assertThat(in.receiveHwm()).isEqualTo(78);
				assertThat(in.heartbeatIntervalMillis()).isEqualTo(20_000);
			});
	}

	@Test
	void whenAnEnvironmentVariableIsMisspelledThenStartupFails() {
		this.runner.withPropertyValues("zmq.keepalive.sockets.in.type=sub",
				"zmq.keepalive.sockets.in.connect=tcp://127.0.0.1:1")
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment",
						Map.of("ZMQ_KEEPALIVE_SOCKETS_IN_SILENCE_TIMOUT", "5s"))))
			.run((context) -> assertThat(unknown(context).getKeys()).singleElement()
				.satisfies((key) -> assertThat(key.closest()).isEqualTo("zmq.keepalive.sockets.in.silence-timeout")));
	}

	@Test
	void environmentVariablesOutsideTheStartersGroupsAreNotTakenForMisspelledKeys() {
		// ZMQ_KEEPALIVE_LAB is what CI sets for the NAT lab; it reads as zmq.keepalive.lab.
		this.runner.withPropertyValues("zmq.keepalive.sockets.in.type=sub",
				"zmq.keepalive.sockets.in.connect=tcp://127.0.0.1:1")
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment",
						Map.of("ZMQ_KEEPALIVE_LAB", "required", "ZMQ_KEEPALIVE_HOME", "/opt/zmq"))))
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void whenAnEnvironmentVariableIsMisspelledInsideAGroupThenStartupFails() {
		this.runner.withPropertyValues("zmq.keepalive.sockets.in.type=sub",
				"zmq.keepalive.sockets.in.connect=tcp://127.0.0.1:1")
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment",
						Map.of("ZMQ_KEEPALIVE_TCP_IDEL", "30s"))))
			.run((context) -> assertThat(unknown(context).getKeys()).singleElement()
				.satisfies((key) -> assertThat(key.closest()).isEqualTo("zmq.keepalive.tcp.idle")));
	}

	@Test
	void whenAKeyIsUnknownThenTheFailureAnalysisNamesItAndListsTheValidKeys() {
		this.runner
			.withPropertyValues("zmq.keepalive.sockets.ticks-in.type=sub",
					"zmq.keepalive.sockets.ticks-in.connect=tcp://127.0.0.1:5556",
					"zmq.keepalive.sockets.ticks-in.silence-timout=1s")
			.run((context) -> {
				FailureAnalysis analysis = new FailureAnalyzersAccess().analyze(unknown(context));
				assertThat(analysis.getDescription()).isEqualTo(
						"Unknown property 'zmq.keepalive.sockets.ticks-in.silence-timout' (from property source 'test'): "
								+ "did you mean 'zmq.keepalive.sockets.ticks-in.silence-timeout'?");
				assertThat(analysis.getAction()).contains("Correct or remove this key")
					.contains("Valid keys under zmq.keepalive.sockets.<name>: backlog, bind, connect, ")
					.contains("silence-timeout")
					.contains("tcp.count");
			});
	}

	private static UnknownZmqPropertyException unknown(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		for (Throwable candidate = context.getStartupFailure(); candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof UnknownZmqPropertyException unknown) {
				return unknown;
			}
		}
		throw new AssertionError("Startup failed otherwise", context.getStartupFailure());
	}

}
