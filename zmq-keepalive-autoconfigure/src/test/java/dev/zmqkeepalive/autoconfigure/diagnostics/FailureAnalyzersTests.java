package dev.zmqkeepalive.autoconfigure.diagnostics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import dev.zmqkeepalive.TestPorts;
import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;
import dev.zmqkeepalive.listener.ZmqListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The failure analyzers as a real application meets them: loaded from
 * {@code META-INF/spring.factories} by {@code SpringApplication} (with the
 * {@code Environment} the bind analyzer asks for) and printed as Description and Action.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailureAnalyzersTests {

	@Test
	void whenAKeyIsMisspelledThenTheApplicationReportsItWithTheClosestKey(CapturedOutput output) {
		fail("--zmq.keepalive.sockets.in.type=sub", "--zmq.keepalive.sockets.in.connect=tcp://127.0.0.1:1",
				"--zmq.keepalive.sockets.in.silence-timout=5s");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Unknown property 'zmq.keepalive.sockets.in.silence-timout'")
			.contains("did you mean 'zmq.keepalive.sockets.in.silence-timeout'?")
			.contains("Valid keys under zmq.keepalive.sockets.<name>:");
	}

	@Test
	void whenAListenerNamesAnUndeclaredSocketThenTheApplicationReportsWhatToDo(CapturedOutput output) {
		fail(WrongListener.class, "--zmq.keepalive.sockets.in.type=sub",
				"--zmq.keepalive.sockets.in.connect=tcp://127.0.0.1:1");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("listens on socket 'nope', which is not declared")
			.contains("Declare zmq.keepalive.sockets.nope");
	}

	@Test
	void whenTwoSocketsBindOneAddressUnderTwoNamesThenTheApplicationNamesBoth(CapturedOutput output) {
		int port = TestPorts.free();
		fail("--zmq.keepalive.sockets.a.type=pub", "--zmq.keepalive.sockets.a.bind=tcp://127.0.0.1:" + port,
				"--zmq.keepalive.sockets.b.type=pub", "--zmq.keepalive.sockets.b.bind=tcp://localhost:" + port);
		// Which of the two binds first depends on the order the binder gives (not stable for
		// command-line arguments): the other one is named either way.
		assertThat(output).contains("APPLICATION FAILED TO START")
			.containsAnyOf("Socket 'a' (zmq.keepalive.sockets.a.bind[0]=tcp://127.0.0.1:" + port
					+ ") of this application binds the same port",
					"Socket 'b' (zmq.keepalive.sockets.b.bind[0]=tcp://localhost:" + port
							+ ") of this application binds the same port")
			.contains("Give one of the two sockets another port")
			.doesNotContain("Stop the process");
	}

	private static void fail(String... args) {
		fail(Application.class, args);
	}

	private static void fail(Class<?> configuration, String... args) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(Application.class, configuration)
			.web(WebApplicationType.NONE)
			.run(args));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(ZmqKeepaliveAutoConfiguration.class)
	static class Application {

	}

	@Configuration(proxyBeanMethods = false)
	static class WrongListener {

		@ZmqListener(socket = "nope")
		void onMessage(String payload) {
		}

	}

}
