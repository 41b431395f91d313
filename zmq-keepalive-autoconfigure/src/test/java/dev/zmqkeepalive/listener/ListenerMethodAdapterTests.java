package dev.zmqkeepalive.listener;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.util.ReflectionUtils;

import dev.zmqkeepalive.socket.ZmqMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link ListenerMethodAdapter} passes a message in the shape a method's signature asks
 * for, and rejects what it cannot supply.
 */
class ListenerMethodAdapterTests {

	private final Target target = new Target();

	@Test
	void topicAndPayloadAreDecodedAsUtf8() throws Exception {
		adapter("text", String.class, String.class).onMessage(message("tïck", "é"));
		assertThat(this.target.calls).containsExactly("text:tïck/é");
	}

	@Test
	void aSingleFrameMessageHasAnEmptyTopic() throws Exception {
		adapter("text", String.class, String.class).onMessage(message("only"));
		adapter("payload", String.class).onMessage(message("only"));
		assertThat(this.target.calls).containsExactly("text:/only", "payload:only");
	}

	@Test
	void binaryParametersGetTheFramesAsSent() throws Exception {
		adapter("binary", byte[].class, byte[].class).onMessage(message("t", "p"));
		adapter("mixed", String.class, byte[].class).onMessage(message("t", "pp"));
		adapter("rawPayload", byte[].class).onMessage(message("t", "ppp"));
		assertThat(this.target.calls).containsExactly("binary:[116]/[112]", "mixed:t/2", "rawPayload:3");
	}

	@Test
	void aZmqMessageParameterTakesAnyNumberOfFrames() throws Exception {
		adapter("whole", ZmqMessage.class).onMessage(message("a", "b", "c"));
		assertThat(this.target.calls).containsExactly("whole:3");
	}

	@Test
	void aTopicAndPayloadListenerRejectsAMessageOfMoreFrames() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> adapter("text", String.class, String.class).onMessage(message("a", "b", "c")))
			.withMessageContaining("3 frames")
			.withMessageContaining("declare a ZmqMessage parameter");
		assertThat(this.target.calls).isEmpty();
	}

	@Test
	void whatTheMethodThrowsIsThrownUnwrapped() {
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> adapter("failing", String.class).onMessage(message("x")))
			.withMessage("on purpose");
	}

	@Test
	void aSignatureTheStarterCannotSupplyIsRejectedWhenTheAdapterIsMade() {
		Method method = ReflectionUtils.findMethod(Target.class, "numberedTopic", Integer.class, String.class);
		assertThat(ListenerMethodAdapter.accepts(method)).isFalse();
		assertThatExceptionOfType(InvalidZmqListenerException.class)
			.isThrownBy(() -> ListenerMethodAdapter.of(this.target, method, "in"))
			.withMessageContaining("numberedTopic(Integer, String)")
			.satisfies((ex) -> assertThat(ex.getProblems()).singleElement()
				.satisfies((problem) -> assertThat(problem.action()).contains(ListenerMethodAdapter.ACCEPTED_SIGNATURES)));
	}

	@Test
	void aPayloadTypeNoConverterReadsIsRejectedWhenTheAdapterIsMade() {
		Method method = ReflectionUtils.findMethod(Target.class, "number", Integer.class);
		assertThat(ListenerMethodAdapter.accepts(method)).isTrue();
		assertThatExceptionOfType(InvalidZmqListenerException.class)
			.isThrownBy(() -> ListenerMethodAdapter.of(this.target, method, "in"))
			.withMessageContaining("number(Integer) takes a payload of type java.lang.Integer, which no payload "
					+ "converter reads");
	}

	private ListenerMethodAdapter adapter(String name, Class<?>... parameters) {
		return ListenerMethodAdapter.of(this.target, ReflectionUtils.findMethod(Target.class, name, parameters), "in");
	}

	private static ZmqMessage message(String... frames) {
		return new ZmqMessage("in",
				Arrays.stream(frames).map((frame) -> frame.getBytes(StandardCharsets.UTF_8)).toList(), Instant.EPOCH);
	}

	static class Target {

		final List<String> calls = new ArrayList<>();

		void text(String topic, String payload) {
			this.calls.add("text:" + topic + "/" + payload);
		}

		void payload(String payload) {
			this.calls.add("payload:" + payload);
		}

		void binary(byte[] topic, byte[] payload) {
			this.calls.add("binary:" + Arrays.toString(topic) + "/" + Arrays.toString(payload));
		}

		void mixed(String topic, byte[] payload) {
			this.calls.add("mixed:" + topic + "/" + payload.length);
		}

		void rawPayload(byte[] payload) {
			this.calls.add("rawPayload:" + payload.length);
		}

		void whole(ZmqMessage message) {
			this.calls.add("whole:" + message.frames().size());
		}

		void failing(String payload) {
			throw new UnsupportedOperationException("on purpose");
		}

		void numberedTopic(Integer topic, String payload) {
		}

		void number(Integer number) {
		}

	}

}
