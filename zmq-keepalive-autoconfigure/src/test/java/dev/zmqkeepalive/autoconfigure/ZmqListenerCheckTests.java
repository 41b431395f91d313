package dev.zmqkeepalive.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

import dev.zmqkeepalive.autoconfigure.diagnostics.FailureAnalyzersAccess;
import dev.zmqkeepalive.core.ZmqTemplate;
import dev.zmqkeepalive.listener.InvalidZmqListenerException;
import dev.zmqkeepalive.listener.InvalidZmqListenerException.Problem;
import dev.zmqkeepalive.listener.ZmqListener;
import dev.zmqkeepalive.socket.ZmqSocketCustomizer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ZmqListenerCheck}: {@code @ZmqListener} mistakes fail startup before
 * any socket is opened, through a failure analysis that says what to change.
 */
class ZmqListenerCheckTests {

	/** Sockets the customizer saw, that is sockets that were opened. */
	private static final List<String> opened = new CopyOnWriteArrayList<>();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class))
		.withUserConfiguration(RecordingCustomizer.class)
		.withPropertyValues("zmq.keepalive.sockets.in.type=sub", "zmq.keepalive.sockets.in.connect=tcp://127.0.0.1:1",
				"zmq.keepalive.sockets.out.type=pub", "zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:*");

	@BeforeEach
	void forgetOpenedSockets() {
		opened.clear();
	}

	@Test
	void whenAListenerNamesAnUndeclaredSocketThenStartupFailsBeforeAnySocketOpens() {
		this.runner.withUserConfiguration(ListenerOnUndeclaredSocket.class).run((context) -> {
			Problem problem = singleProblem(context);
			assertThat(problem.listener()).isEqualTo("ZmqListenerCheckTests.ListenerOnUndeclaredSocket.onTick(String)");
			assertThat(problem.description()).contains("'nope'").contains("not declared");
			assertThat(problem.action()).contains("zmq.keepalive.sockets.nope").contains("in, out");
			assertThat(opened).isEmpty();
		});
	}

	@Test
	void whenAListenerIsOnASocketThatReceivesNothingThenStartupFailsBeforeAnySocketOpens() {
		this.runner.withUserConfiguration(ListenerOnSendOnlySocket.class).run((context) -> {
			Problem problem = singleProblem(context);
			assertThat(problem.description()).contains("'out', a pub socket, which receives nothing");
			assertThat(problem.action()).contains("sub, xpub, xsub or pull").contains("zmq.keepalive.sockets.out.type");
			assertThat(opened).isEmpty();
		});
	}

	@Test
	void whenAListenerHasParametersTheStarterCannotSupplyThenStartupFailsBeforeAnySocketOpens() {
		this.runner.withUserConfiguration(ListenerWithWrongSignature.class).run((context) -> {
			Problem problem = singleProblem(context);
			assertThat(problem.description()).contains("ListenerWithWrongSignature.onTick(Integer, String)")
				.contains("parameters the starter cannot supply");
			assertThat(problem.action()).contains("(String topic, P payload)");
			assertThat(opened).isEmpty();
		});
	}

	@Test
	void whenJacksonIsAbsentAndAListenerTakesARecordThenStartupFailsBeforeAnySocketOpens() {
		this.runner.withClassLoader(new FilteredClassLoader(JsonMapper.class))
			.withUserConfiguration(ListenerOfRecords.class)
			.run((context) -> {
				Problem problem = singleProblem(context);
				assertThat(problem.description()).contains("ListenerOfRecords.onTick(Tick)")
					.contains("which no payload converter reads");
				assertThat(problem.action()).contains("jackson-databind").contains("ZmqPayloadConverter bean");
				assertThat(opened).isEmpty();
			});
	}

	@Test
	void whenJacksonIsPresentThenAListenerOfRecordsIsAttached() {
		this.runner.withUserConfiguration(ListenerOfRecords.class)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void whenAListenerTakesTopicsItsSubSocketDoesNotSubscribeToThenStartupFailsBeforeAnySocketOpens() {
		this.runner.withPropertyValues("zmq.keepalive.sockets.in.topics=ticks,prices")
			.withUserConfiguration(ListenerOfOtherTopics.class)
			.run((context) -> {
				Problem problem = singleProblem(context);
				assertThat(problem.description()).isEqualTo("@ZmqListener method "
						+ "ZmqListenerCheckTests.ListenerOfOtherTopics.onQuote(String) takes topics [quotes] that "
						+ "socket 'in' does not subscribe to (its topics: ticks, prices), so it would never receive them");
				assertThat(problem.action()).contains("zmq.keepalive.sockets.in.topics");
				assertThat(opened).isEmpty();
			});
	}

	@Test
	void whenAListenersTopicsNarrowOrWidenASubscriptionThenItIsAttached() {
		this.runner.withPropertyValues("zmq.keepalive.sockets.in.topics=quotes.acme,ticks")
			.withUserConfiguration(ListenerOfOtherTopics.class)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void whenAListenerNamesNoSocketThenStartupFailsBeforeAnySocketOpens() {
		this.runner.withUserConfiguration(ListenerWithoutSocket.class).run((context) -> {
			assertThat(singleProblem(context).description()).contains("names no socket");
			assertThat(opened).isEmpty();
		});
	}

	@Test
	void whenSeveralListenersAreWrongThenOneFailureNamesThemAll() {
		this.runner.withUserConfiguration(ListenerOnUndeclaredSocket.class, ListenerWithWrongSignature.class)
			.run((context) -> assertThat(failure(context).getProblems()).extracting(Problem::listener)
				.containsExactlyInAnyOrder("ZmqListenerCheckTests.ListenerOnUndeclaredSocket.onTick(String)",
						"ZmqListenerCheckTests.ListenerWithWrongSignature.onTick(Integer, String)"));
	}

	@Test
	void whenAListenersClassShowsOnlyOnceTheBeanExistsThenItIsCheckedWhenCreated() {
		this.runner.withUserConfiguration(ListenerHiddenBehindObject.class)
			.run((context) -> assertThat(singleProblem(context).description()).contains("'nope'")
				.contains("not declared"));
	}

	@Test
	void whenAListenerIsWrongThenTheFailureAnalysisSaysWhatIsWrongAndWhatToDo() {
		this.runner.withUserConfiguration(ListenerOnUndeclaredSocket.class).run((context) -> {
			FailureAnalysis analysis = new FailureAnalyzersAccess().analyze(failure(context));
			assertThat(analysis.getDescription()).isEqualTo("@ZmqListener method "
					+ "ZmqListenerCheckTests.ListenerOnUndeclaredSocket.onTick(String) listens on socket 'nope', "
					+ "which is not declared.");
			assertThat(analysis.getAction()).isEqualTo("Declare zmq.keepalive.sockets.nope (its type and bind or "
					+ "connect endpoints), or listen on a declared socket: in, out.");
		});
	}

	@Test
	void whenListenersAreRightThenTheyAreAttached() {
		this.runner.withUserConfiguration(RightListener.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(opened).containsExactly("in", "out");
		});
	}

	private static Problem singleProblem(AssertableApplicationContext context) {
		List<Problem> problems = failure(context).getProblems();
		assertThat(problems).hasSize(1);
		return problems.get(0);
	}

	private static InvalidZmqListenerException failure(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		for (Throwable candidate = context.getStartupFailure(); candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof InvalidZmqListenerException invalid) {
				return invalid;
			}
		}
		throw new AssertionError("Startup failed otherwise", context.getStartupFailure());
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingCustomizer {

		@Bean
		ZmqSocketCustomizer recordingCustomizer() {
			return (settings, socket) -> opened.add(settings.name());
		}

	}

	/** Like the README's Quick start: sends with the template, so it needs the sockets. */
	@Component
	static class ListenerOnUndeclaredSocket {

		ListenerOnUndeclaredSocket(ZmqTemplate template) {
		}

		@ZmqListener(socket = "nope")
		void onTick(String payload) {
		}

	}

	@Component
	static class ListenerOnSendOnlySocket {

		ListenerOnSendOnlySocket(ZmqTemplate template) {
		}

		@ZmqListener(socket = "out")
		void onTick(String payload) {
		}

	}

	@Component
	static class ListenerOfOtherTopics {

		ListenerOfOtherTopics(ZmqTemplate template) {
		}

		@ZmqListener(socket = "in", topics = { "quotes", "ticks.acme" })
		void onQuote(String quote) {
		}

	}

	static class ListenerOfRecords {

		record Tick(String symbol) {
		}

		// Created after the sockets: only a check before any bean exists stops them opening.
		ListenerOfRecords(ZmqTemplate template) {
		}

		@ZmqListener(socket = "in")
		void onTick(Tick tick) {
		}

	}

	static class ListenerWithWrongSignature {

		ListenerWithWrongSignature(ZmqTemplate template) {
		}

		@ZmqListener(socket = "in")
		void onTick(Integer topic, String payload) {
		}

	}

	@Component
	static class ListenerWithoutSocket {

		@ZmqListener
		void onTick(String payload) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ListenerHiddenBehindObject {

		@Bean
		Object hiddenListener() {
			return new Object() {

				@ZmqListener(socket = "nope")
				void onTick(String payload) {
				}

			};
		}

	}

	@Component
	static class RightListener {

		RightListener(ZmqTemplate template) {
		}

		@ZmqListener(socket = "in")
		void onTick(String topic, String payload) {
		}

	}

}
