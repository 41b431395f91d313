package dev.zmqkeepalive.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;

import dev.zmqkeepalive.TestPorts;
import dev.zmqkeepalive.autoconfigure.diagnostics.FailureAnalyzersAccess;
import dev.zmqkeepalive.core.ZmqTemplate;
import dev.zmqkeepalive.socket.AppliedOptions;
import dev.zmqkeepalive.socket.ManagedSocket;
import dev.zmqkeepalive.socket.ManagedSocketRegistry;
import dev.zmqkeepalive.socket.ZmqBindException;
import dev.zmqkeepalive.socket.ZmqSocketCustomizer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ZmqKeepaliveAutoConfiguration}: beans, conditions, defaults and every
 * kind of bad input.
 */
class ZmqKeepaliveAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class));

	@Test
	void withNoSocketsTheInfrastructureIsStillThere() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(ZContext.class);
			assertThat(context).hasSingleBean(ManagedSocketRegistry.class);
			assertThat(context).hasSingleBean(ZmqTemplate.class);
			assertThat(context.getBean(ManagedSocketRegistry.class).all()).isEmpty();
		});
	}

	@Test
	void whenDisabledNothingIsCreated() {
		this.runner.withPropertyValues("zmq.keepalive.enabled=false", "zmq.keepalive.sockets.out.type=pub",
				"zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:*")
			.run((context) -> assertThat(context).doesNotHaveBean(ManagedSocketRegistry.class)
				.doesNotHaveBean(ZContext.class));
	}

	@Test
	void withoutJeromqOnTheClasspathNothingIsCreated() {
		this.runner.withClassLoader(new FilteredClassLoader(ZContext.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ManagedSocketRegistry.class));
	}

	@Test
	void defaultsAreAppliedToEverySocket() {
		this.runner.withPropertyValues("zmq.keepalive.sockets.out.type=pub",
				"zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:*")
			.run((context) -> {
				ManagedSocket socket = context.getBean(ManagedSocketRegistry.class).get("out");
				AppliedOptions options = socket.appliedOptions();
				assertThat(options.tcpKeepalive()).isEqualTo(1);
				assertThat(options.tcpKeepaliveIdleSeconds()).isEqualTo(60);
				assertThat(options.tcpKeepaliveIntervalSeconds()).isEqualTo(10);
				assertThat(options.tcpKeepaliveCount()).isEqualTo(3);
				assertThat(options.heartbeatIntervalMillis()).isEqualTo(15_000);
				assertThat(options.heartbeatTimeoutMillis()).isEqualTo(45_000);
				assertThat(options.reconnectIntervalMillis()).isEqualTo(100);
				assertThat(options.reconnectMaxIntervalMillis()).isEqualTo(30_000);
				assertThat(options.lingerMillis()).isEqualTo(1000);
				assertThat(options.handshakeIntervalMillis()).isEqualTo(5000);
				// The promises in the README: NAT idle timeouts of 240 s never expire, dead
				// peers are noticed within 90 s.
				assertThat(socket.settings().tcpKeepalive().idle()).isLessThan(Duration.ofSeconds(240));
				assertThat(socket.settings().heartbeat().interval()).isLessThan(Duration.ofSeconds(240));
				assertThat(socket.settings().detectionBound()).isLessThanOrEqualTo(Duration.ofSeconds(90));
			});
	}

	@Test
	void connectingAndBindingSocketsSendHeartbeatsUnlessTurnedOff() {
		this.runner
			.withPropertyValues("zmq.keepalive.sockets.in.type=sub", "zmq.keepalive.sockets.in.connect=tcp://127.0.0.1:1",
					"zmq.keepalive.sockets.out.type=pub", "zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:*",
					"zmq.keepalive.sockets.quiet.type=pub", "zmq.keepalive.sockets.quiet.bind=tcp://127.0.0.1:*",
					"zmq.keepalive.sockets.quiet.heartbeat.interval=0")
			.run((context) -> {
				ManagedSocketRegistry sockets = context.getBean(ManagedSocketRegistry.class);
				for (String name : new String[] { "in", "out" }) {
					AppliedOptions options = sockets.get(name).appliedOptions();
					assertThat(options.heartbeatIntervalMillis()).isEqualTo(15_000);
					assertThat(options.heartbeatTimeoutMillis()).isEqualTo(45_000);
					assertThat(options.heartbeatTtlMillis()).isEqualTo(45_000);
				}
				assertThat(sockets.get("quiet").appliedOptions().heartbeatIntervalMillis()).isZero();
			});
	}

	@Test
	void perSocketValuesOverrideTheGlobalDefaults() {
		this.runner
			.withPropertyValues("zmq.keepalive.tcp.idle=2m", "zmq.keepalive.heartbeat.interval=5",
					"zmq.keepalive.heartbeat.timeout=20s", "zmq.keepalive.sockets.in.type=sub",
					"zmq.keepalive.sockets.in.connect=tcp://127.0.0.1:1", "zmq.keepalive.sockets.in.tcp.idle=7",
					"zmq.keepalive.sockets.in.tcp.count=4", "zmq.keepalive.sockets.in.reconnect.interval=250ms",
					"zmq.keepalive.sockets.in.send-hwm=0", "zmq.keepalive.sockets.in.receive-hwm=50000",
					"zmq.keepalive.sockets.other.type=sub", "zmq.keepalive.sockets.other.connect=tcp://127.0.0.1:1")
			.run((context) -> {
				AppliedOptions in = context.getBean(ManagedSocketRegistry.class).get("in").appliedOptions();
				assertThat(in.tcpKeepaliveIdleSeconds()).isEqualTo(7);
				assertThat(in.tcpKeepaliveCount()).isEqualTo(4);
				assertThat(in.heartbeatIntervalMillis()).isEqualTo(5000);
				assertThat(in.heartbeatTimeoutMillis()).isEqualTo(20_000);
				assertThat(in.reconnectIntervalMillis()).isEqualTo(250);
				assertThat(in.receiveHwm()).isEqualTo(50_000);
				AppliedOptions other = context.getBean(ManagedSocketRegistry.class).get("other").appliedOptions();
				assertThat(other.tcpKeepaliveIdleSeconds()).isEqualTo(120);
				assertThat(other.tcpKeepaliveCount()).isEqualTo(3);
			});
	}

	@Test
	void whenNothingIsSaidThenBindingSocketsGetABacklogFitForManyPeersConnectingAtOnce() {
		this.runner.withPropertyValues("zmq.keepalive.sockets.out.type=pub", "zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:*")
			.run((context) -> assertThat(
					context.getBean(ManagedSocketRegistry.class).get("out").appliedOptions().backlog())
				.isEqualTo(4096));
	}

	@Test
	void whenABacklogIsSetGloballyOrPerSocketThenItReachesTheKernelsListenQueue() {
		this.runner
			.withPropertyValues("zmq.keepalive.backlog=777", "zmq.keepalive.sockets.a.type=pub",
					"zmq.keepalive.sockets.a.bind=tcp://127.0.0.1:*", "zmq.keepalive.sockets.b.type=pull",
					"zmq.keepalive.sockets.b.bind=tcp://127.0.0.1:*", "zmq.keepalive.sockets.b.backlog=55")
			.run((context) -> {
				ManagedSocketRegistry sockets = context.getBean(ManagedSocketRegistry.class);
				assertThat(sockets.get("a").appliedOptions().backlog()).isEqualTo(777);
				assertThat(sockets.get("b").appliedOptions().backlog()).isEqualTo(55);
				assertThat(listenQueue(sockets.get("a").state().boundEndpoints().get(0))).isEqualTo(777);
				assertThat(listenQueue(sockets.get("b").state().boundEndpoints().get(0))).isEqualTo(55);
			});
	}

	@Test
	void whenABacklogIsNotPositiveThenStartupFailsNamingTheProperty() {
		assertInvalid("zmq.keepalive.sockets.x.backlog", "1 or more", "zmq.keepalive.sockets.x.type=pub",
				"zmq.keepalive.sockets.x.bind=tcp://127.0.0.1:*", "zmq.keepalive.sockets.x.backlog=0");
	}

	/** The listen queue length the kernel reports for a listening endpoint (ss's Send-Q). */
	private static int listenQueue(String endpoint) throws Exception {
		String port = endpoint.substring(endpoint.lastIndexOf(':') + 1);
		Process ss;
		try {
			ss = new ProcessBuilder("ss", "-ltnH", "sport = :" + port).redirectErrorStream(true).start();
		}
		catch (java.io.IOException ex) {
			Assumptions.abort("ss (iproute2) is needed to read the listen queue: " + ex.getMessage());
			throw ex;
		}
		String output = new String(ss.getInputStream().readAllBytes()).trim();
		assertThat(ss.waitFor()).as(output).isZero();
		// State Recv-Q Send-Q Local Peer; for a listener Send-Q is the backlog.
		return Integer.parseInt(output.split("\\s+")[2]);
	}

	@Test
	void heartbeatIntervalZeroTurnsHeartbeatsOff() {
		this.runner.withPropertyValues("zmq.keepalive.heartbeat.interval=0", "zmq.keepalive.heartbeat.timeout=0",
				"zmq.keepalive.sockets.out.type=pub", "zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:*")
			.run((context) -> {
				ManagedSocket socket = context.getBean(ManagedSocketRegistry.class).get("out");
				assertThat(socket.appliedOptions().heartbeatIntervalMillis()).isZero();
				assertThat(socket.settings().detectionBound()).isEqualTo(Duration.ofSeconds(90));
			});
	}

	@Test
	void customizersSeeEverySocketBeforeItBinds() {
		this.runner.withUserConfiguration(CustomizerConfiguration.class)
			.withPropertyValues("zmq.keepalive.sockets.out.type=pub", "zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:*")
			.run((context) -> assertThat(context.getBean(ManagedSocketRegistry.class).get("out").appliedOptions().sendHwm())
				.isEqualTo(4242));
	}

	@Test
	void unknownTypeFailsNamingTheProperty() {
		this.runner.withPropertyValues("zmq.keepalive.sockets.x.type=dealer-ish",
				"zmq.keepalive.sockets.x.bind=tcp://127.0.0.1:*")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("dealer-ish"));
	}

	@Test
	void missingTypeFailsListingTheTypes() {
		assertInvalid("zmq.keepalive.sockets.x.type", "pub, sub, xpub, xsub, push, pull",
				"zmq.keepalive.sockets.x.bind=tcp://127.0.0.1:*");
	}

	@Test
	void endpointWithUnsupportedSchemeFails() {
		assertInvalid("zmq.keepalive.sockets.x.bind[0]", "ipc://name or inproc://name", "zmq.keepalive.sockets.x.type=pub",
				"zmq.keepalive.sockets.x.bind=udp://127.0.0.1:5000");
	}

	@Test
	void tcpEndpointWithoutPortFails() {
		assertInvalid("zmq.keepalive.sockets.x.connect[0]", "tcp://host:port", "zmq.keepalive.sockets.x.type=sub",
				"zmq.keepalive.sockets.x.connect=tcp://localhost");
	}

	@Test
	void connectToAWildcardFails() {
		assertInvalid("zmq.keepalive.sockets.x.connect[0]", "concrete host and port", "zmq.keepalive.sockets.x.type=sub",
				"zmq.keepalive.sockets.x.connect=tcp://*:5556");
	}

	@Test
	void bothBindAndConnectFails() {
		assertInvalid("zmq.keepalive.sockets.x.connect", "exactly one of", "zmq.keepalive.sockets.x.type=sub",
				"zmq.keepalive.sockets.x.connect=tcp://127.0.0.1:5556", "zmq.keepalive.sockets.x.bind=tcp://127.0.0.1:*");
	}

	@Test
	void neitherBindNorConnectFails() {
		assertInvalid("zmq.keepalive.sockets.x.bind", "exactly one of", "zmq.keepalive.sockets.x.type=sub");
	}

	@Test
	void zeroReconnectIntervalFailsInsteadOfCrashingJeromq() {
		assertInvalid("zmq.keepalive.reconnect.interval", "at least 1ms", "zmq.keepalive.reconnect.interval=0",
				"zmq.keepalive.sockets.x.type=sub", "zmq.keepalive.sockets.x.connect=tcp://127.0.0.1:5556");
	}

	@Test
	void negativePerSocketReconnectIntervalFailsNamingTheSocketProperty() {
		assertInvalid("zmq.keepalive.sockets.x.reconnect.interval", "at least 1ms",
				"zmq.keepalive.sockets.x.reconnect.interval=-1s", "zmq.keepalive.sockets.x.type=sub",
				"zmq.keepalive.sockets.x.connect=tcp://127.0.0.1:5556");
	}

	@Test
	void reconnectMaxIntervalBelowIntervalFails() {
		assertInvalid("zmq.keepalive.reconnect.max-interval", "at least", "zmq.keepalive.reconnect.interval=5s",
				"zmq.keepalive.reconnect.max-interval=1s", "zmq.keepalive.sockets.x.type=sub",
				"zmq.keepalive.sockets.x.connect=tcp://127.0.0.1:5556");
	}

	@Test
	void heartbeatTimeoutBelowIntervalFails() {
		assertInvalid("zmq.keepalive.heartbeat.timeout", "at least zmq.keepalive.heartbeat.interval",
				"zmq.keepalive.heartbeat.interval=10s", "zmq.keepalive.heartbeat.timeout=5s",
				"zmq.keepalive.sockets.x.type=sub", "zmq.keepalive.sockets.x.connect=tcp://127.0.0.1:5556");
	}

	@Test
	void heartbeatTtlAboveWhatZmtpCarriesFails() {
		assertInvalid("zmq.keepalive.sockets.x.heartbeat.ttl", "0s to 655s",
				"zmq.keepalive.sockets.x.heartbeat.ttl=700s", "zmq.keepalive.sockets.x.type=sub",
				"zmq.keepalive.sockets.x.connect=tcp://127.0.0.1:5556");
	}

	@Test
	void keepaliveIdleAboveTheKernelLimitFails() {
		assertInvalid("zmq.keepalive.tcp.idle", "1s to 32767s", "zmq.keepalive.tcp.idle=40000",
				"zmq.keepalive.sockets.x.type=sub", "zmq.keepalive.sockets.x.connect=tcp://127.0.0.1:5556");
	}

	@Test
	void keepaliveIntervalInFractionsOfASecondFails() {
		assertInvalid("zmq.keepalive.sockets.x.tcp.interval", "whole seconds",
				"zmq.keepalive.sockets.x.tcp.interval=1500ms", "zmq.keepalive.sockets.x.type=sub",
				"zmq.keepalive.sockets.x.connect=tcp://127.0.0.1:5556");
	}

	@Test
	void keepaliveCountAboveTheKernelLimitFails() {
		assertInvalid("zmq.keepalive.tcp.count", "1 to 127", "zmq.keepalive.tcp.count=128",
				"zmq.keepalive.sockets.x.type=sub", "zmq.keepalive.sockets.x.connect=tcp://127.0.0.1:5556");
	}

	@Test
	void zeroKeepaliveIdleFails() {
		assertInvalid("zmq.keepalive.tcp.idle", "1s to 32767s", "zmq.keepalive.tcp.idle=0",
				"zmq.keepalive.sockets.x.type=sub", "zmq.keepalive.sockets.x.connect=tcp://127.0.0.1:5556");
	}

	@Test
	void topicsOnANonSubSocketFail() {
		assertInvalid("zmq.keepalive.sockets.x.topics", "type sub", "zmq.keepalive.sockets.x.type=pub",
				"zmq.keepalive.sockets.x.bind=tcp://127.0.0.1:*", "zmq.keepalive.sockets.x.topics=a,b");
	}

	@Test
	void silenceTimeoutOnASendOnlySocketFails() {
		assertInvalid("zmq.keepalive.sockets.x.silence-timeout", "sub, xpub, xsub or pull",
				"zmq.keepalive.sockets.x.type=push", "zmq.keepalive.sockets.x.bind=tcp://127.0.0.1:*",
				"zmq.keepalive.sockets.x.silence-timeout=10s");
	}

	@Test
	void negativeHighWaterMarkFails() {
		assertInvalid("zmq.keepalive.sockets.x.send-hwm", "0 (unlimited)", "zmq.keepalive.sockets.x.type=pub",
				"zmq.keepalive.sockets.x.bind=tcp://127.0.0.1:*", "zmq.keepalive.sockets.x.send-hwm=-5");
	}

	@Test
	void socketNameThatIsNotUrlSafeFails() {
		assertInvalid("zmq.keepalive.sockets", "letters, digits", "zmq.keepalive.sockets[a b].type=pub",
				"zmq.keepalive.sockets[a b].bind=tcp://127.0.0.1:*");
	}

	@Test
	void whenASocketNameIsEmptyThenStartupFailsSayingSo() {
		assertInvalid("zmq.keepalive.sockets", "letters, digits", "zmq.keepalive.sockets..type=pub",
				"zmq.keepalive.sockets..bind=tcp://127.0.0.1:*");
		this.runner.withPropertyValues("zmq.keepalive.sockets..type=pub")
			.run((context) -> assertThat(findCause(context.getStartupFailure(), InvalidZmqPropertyException.class))
				.hasMessageContaining("a socket name is empty in 'zmq.keepalive.sockets..type'"));
	}

	@Test
	void whenABracketedSocketNameIsBlankThenStartupFailsSayingSo() {
		assertInvalid("zmq.keepalive.sockets", "letters, digits", "zmq.keepalive.sockets[ ].type=pub");
	}

	@Test
	void whenASocketIsGivenAValueInsteadOfKeysThenStartupFailsListingTheKeys() {
		assertInvalid("zmq.keepalive.sockets.ticks", "zmq.keepalive.sockets.ticks.type=pub",
				"zmq.keepalive.sockets.ticks=pub");
	}

	@Test
	void whenAnIntervalIsComparedInAMessageThenItIsWrittenAsConfigured() {
		this.runner
			.withPropertyValues("zmq.keepalive.heartbeat.interval=15s", "zmq.keepalive.heartbeat.timeout=10s",
					"zmq.keepalive.sockets.x.type=sub", "zmq.keepalive.sockets.x.connect=tcp://127.0.0.1:5556")
			.run((context) -> assertThat(findCause(context.getStartupFailure(), InvalidZmqPropertyException.class))
				.hasMessageContaining("below the heartbeat interval (15s)")
				.hasMessageContaining("at least zmq.keepalive.heartbeat.interval (15s)")
				.hasMessageNotContaining("15000ms"));
		this.runner
			.withPropertyValues("zmq.keepalive.reconnect.interval=2s", "zmq.keepalive.reconnect.max-interval=1s",
					"zmq.keepalive.sockets.x.type=sub", "zmq.keepalive.sockets.x.connect=tcp://127.0.0.1:5556")
			.run((context) -> assertThat(findCause(context.getStartupFailure(), InvalidZmqPropertyException.class))
				.hasMessageContaining("first reconnect delay (2s)")
				.hasMessageContaining("at least zmq.keepalive.reconnect.interval (2s)")
				.hasMessageNotContaining("2000ms"));
	}

	@Test
	void portInUseFailsNamingTheEndpointAndLeavesNothingOpen() {
		try (ZContext other = new ZContext(); ZMQ.Socket holder = other.createSocket(SocketType.PUB)) {
			int port = holder.bindToRandomPort("tcp://127.0.0.1");
			this.runner
				.withPropertyValues("zmq.keepalive.sockets.first.type=pub",
						"zmq.keepalive.sockets.first.bind=tcp://127.0.0.1:*", "zmq.keepalive.sockets.x.type=pub",
						"zmq.keepalive.sockets.x.bind=tcp://127.0.0.1:" + port)
				.run((context) -> {
					assertThat(context).hasFailed();
					ZmqBindException cause = findCause(context.getStartupFailure(), ZmqBindException.class);
					assertThat(cause).isNotNull()
						.hasMessageContaining("tcp://127.0.0.1:" + port)
						.hasMessageContaining("address already in use")
						.hasMessageStartingWith("Socket 'x' could not bind");
					assertThat(cause.getRole()).isEqualTo(ZmqBindException.Role.BIND);
					assertThat(cause.getIndex()).isZero();
					FailureAnalysis analysis = new dev.zmqkeepalive.autoconfigure.diagnostics.FailureAnalyzersAccess()
						.analyze(cause);
					assertThat(analysis.getDescription()).contains("zmq.keepalive.sockets.x.bind[0]")
						.contains("address already in use");
					assertThat(analysis.getAction()).contains("Stop the process using 'tcp://127.0.0.1:" + port + "'");
				});
			assertThat(Thread.getAllStackTraces().keySet()).noneMatch((thread) -> thread.getName().equals("zmq-first"));
		}
	}

	@Test
	void whenAnotherProcessHoldsThePortThenTheFailureAnalysisSaysToStopIt() {
		try (ZContext other = new ZContext(); ZMQ.Socket holder = other.createSocket(SocketType.PUB)) {
			int port = holder.bindToRandomPort("tcp://127.0.0.1");
			String[] properties = { "zmq.keepalive.sockets.x.type=pub", "zmq.keepalive.sockets.x.bind=tcp://127.0.0.1:" + port };
			this.runner.withPropertyValues(properties).run((context) -> {
				FailureAnalysis analysis = new FailureAnalyzersAccess()
					.analyze(findCause(context.getStartupFailure(), ZmqBindException.class), environment(properties));
				assertThat(analysis.getAction()).startsWith("Stop the process using 'tcp://127.0.0.1:" + port + "'");
			});
		}
	}

	@Test
	void whenTwoSocketsBindTheSamePortThenStartupFailsNamingBoth() {
		int port = TestPorts.free();
		assertInvalid("zmq.keepalive.sockets.b.bind[0]", "another port", "zmq.keepalive.sockets.a.type=pub",
				"zmq.keepalive.sockets.a.bind=tcp://*:" + port, "zmq.keepalive.sockets.b.type=pull",
				"zmq.keepalive.sockets.b.bind=tcp://127.0.0.1:" + port);
		this.runner
			.withPropertyValues("zmq.keepalive.sockets.a.type=pub", "zmq.keepalive.sockets.a.bind=tcp://*:" + port,
					"zmq.keepalive.sockets.b.type=pull", "zmq.keepalive.sockets.b.bind=tcp://127.0.0.1:" + port)
			.run((context) -> assertThat(findCause(context.getStartupFailure(), InvalidZmqPropertyException.class))
				.hasMessageContaining("socket 'b' and socket 'a' both bind it")
				.hasMessageContaining("zmq.keepalive.sockets.a.bind[0]=tcp://*:" + port));
	}

	@Test
	void whenOneSocketBindsTheSameInprocNameTwiceThenStartupFails() {
		assertInvalid("zmq.keepalive.sockets.a.bind[1]", "another port", "zmq.keepalive.sockets.a.type=pub",
				"zmq.keepalive.sockets.a.bind=inproc://twice,inproc://twice");
	}

	@Test
	void whenTwoSocketsBindOneAddressUnderTwoHostNamesThenTheFailureAnalysisNamesBoth() {
		int port = TestPorts.free();
		String[] properties = { "zmq.keepalive.sockets.a.type=pub", "zmq.keepalive.sockets.a.bind=tcp://127.0.0.1:" + port,
				"zmq.keepalive.sockets.b.type=pull", "zmq.keepalive.sockets.b.bind=tcp://localhost:" + port };
		this.runner.withPropertyValues(properties).run((context) -> {
			ZmqBindException failure = findCause(context.getStartupFailure(), ZmqBindException.class);
			assertThat(failure).as("startup failure " + context.getStartupFailure()).isNotNull();
			FailureAnalysis analysis = new FailureAnalyzersAccess().analyze(failure, environment(properties));
			assertThat(analysis.getDescription()).startsWith("Socket 'b' could not bind 'tcp://localhost:" + port + "'")
				.endsWith("Socket 'a' (zmq.keepalive.sockets.a.bind[0]=tcp://127.0.0.1:" + port
						+ ") of this application binds the same port.");
			assertThat(analysis.getAction()).startsWith("Give one of the two sockets another port")
				.doesNotContain("Stop the process");
		});
	}

	private static StandardEnvironment environment(String... properties) {
		StandardEnvironment environment = new StandardEnvironment();
		TestPropertyValues.of(properties).applyTo(environment);
		return environment;
	}

	@Test
	void failureAnalysisNamesThePropertyAndTheAllowedValues() {
		this.runner.withPropertyValues("zmq.keepalive.tcp.count=0", "zmq.keepalive.sockets.x.type=sub",
				"zmq.keepalive.sockets.x.connect=tcp://127.0.0.1:5556")
			.run((context) -> {
				InvalidZmqPropertyException cause = findCause(context.getStartupFailure(),
						InvalidZmqPropertyException.class);
				FailureAnalysis analysis = new FailureAnalyzersAccess()
					.analyze(cause);
				assertThat(analysis.getDescription()).contains("zmq.keepalive.tcp.count").contains("'0'");
				assertThat(analysis.getAction()).contains("1 to 127");
			});
	}

	private void assertInvalid(String property, String allowed, String... properties) {
		this.runner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			InvalidZmqPropertyException cause = findCause(context.getStartupFailure(), InvalidZmqPropertyException.class);
			assertThat(cause).as("startup failure " + context.getStartupFailure()).isNotNull();
			assertThat(cause.getProperty()).isEqualTo(property);
			assertThat(cause.getAllowed()).contains(allowed);
			assertThat(cause.getMessage()).contains(property);
		});
	}

	private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
		}
		return null;
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		@Bean
		ZmqSocketCustomizer highWaterMark() {
			return (settings, socket) -> socket.setSndHWM(4242);
		}

	}

}
