package dev.zmqkeepalive.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.zmqkeepalive.envelope.EnvelopeCodec;
import dev.zmqkeepalive.envelope.MissingMessages;
import dev.zmqkeepalive.envelope.ZmqEnvelope;
import dev.zmqkeepalive.envelope.ZmqMessagesLostEvent;
import dev.zmqkeepalive.socket.ZmqMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

@ExtendWith(OutputCaptureExtension.class)
class SocketMessagingTests {

	private static final Instant START = Instant.parse("2026-11-25T12:00:00Z");

	private final SettableClock clock = new SettableClock();

	private final List<ZmqMessagesLostEvent> events = new ArrayList<>();

	private final SocketMessaging in = new SocketMessaging("in", "sub", true, true, this.clock, this.events::add);

	private final UUID publisher = UUID.randomUUID();

	@Test
	void whenSeveralListenersOpenTheSameMessageThenItsEnvelopeIsCountedOnce() {
		this.in.open(message(1));
		ZmqMessage gap = message(5);
		SocketMessaging.Inbound first = this.in.open(gap);
		SocketMessaging.Inbound second = this.in.open(gap);
		assertThat(second).isSameAs(first);
		assertThat(this.in.lost()).isEqualTo(3);
		assertThat(this.events).singleElement()
			.satisfies((event) -> assertThat(event.getMissing()).isEqualTo(new MissingMessages(this.publisher, 2, 4)));
		assertThat(first.message().frames()).hasSize(2);
		assertThat(first.envelope().sequence()).isEqualTo(5);
	}

	@Test
	void whenAMessageArrivesThenItsAgeIsRecordedFromItsSendTimeAndANegativeAgeAsZero() {
		List<Duration> ages = new ArrayList<>();
		this.in.recordAgesWith(ages::add);
		this.in.open(message(1));
		this.clock.now = START.plusMillis(250);
		this.in.open(message(2));
		this.clock.now = START.minusSeconds(1);
		this.in.open(message(3));
		assertThat(ages).containsExactly(Duration.ZERO, Duration.ofMillis(250), Duration.ZERO);
	}

	@Test
	void whenGapsFollowEachOtherThenOnlyOneWarningIsLoggedEveryTenSecondsAndItSumsUpTheRest(
			CapturedOutput output) {
		this.in.open(message(1));
		this.in.open(message(3));
		this.in.open(message(5));
		this.in.open(message(8));
		assertThat(output.getAll().lines().filter((line) -> line.contains("WARN"))).hasSize(1);
		this.clock.now = START.plusSeconds(10);
		this.in.open(message(10));
		List<String> warnings = output.getAll().lines().filter((line) -> line.contains("WARN")).toList();
		assertThat(warnings).hasSize(2);
		assertThat(warnings.get(1)).contains("sequence 9 to 9")
			.contains("before it, 2 more gap(s) with 3 message(s) lost, logged at DEBUG");
		assertThat(this.events).hasSize(4);
		assertThat(this.in.lost()).isEqualTo(5);
	}

	@Test
	void whenTheSocketHasNoEnvelopeThenMessagesPassUntouchedAndNothingIsCounted() {
		SocketMessaging plain = new SocketMessaging("in", "sub", false, true, this.clock, this.events::add);
		ZmqMessage message = message(1);
		assertThat(plain.open(message).message()).isSameAs(message);
		assertThat(plain.unframed()).isZero();
		assertThat(plain.loss()).isNull();
	}

	@Test
	void whenASendFailsThenItsSequenceNumberIsGivenBack() {
		SocketMessaging out = new SocketMessaging("out", "pub", true, false, this.clock, this.events::add);
		List<ZmqEnvelope> sent = new ArrayList<>();
		out.sendWithEnvelope(Map.of(), (frame) -> sent.add(EnvelopeCodec.decode(frame)));
		assertThatIllegalStateException().isThrownBy(() -> out.sendWithEnvelope(Map.of(), (frame) -> {
			throw new IllegalStateException("queue full");
		}));
		out.sendWithEnvelope(Map.of(), (frame) -> sent.add(EnvelopeCodec.decode(frame)));
		assertThat(sent).extracting(ZmqEnvelope::sequence).containsExactly(1L, 2L);
		assertThat(out.lastSequenceSent()).isEqualTo(2);
	}

	@Test
	void whenTraceHeadersDoNotFitTheEnvelopeThenTheMessageIsSentWithTheOnesThatDo(CapturedOutput output) {
		SocketMessaging out = new SocketMessaging("out", "pub", true, false, this.clock, this.events::add);
		List<ZmqEnvelope> sent = new ArrayList<>();
		Map<String, String> headers = new java.util.LinkedHashMap<>();
		headers.put("traceparent", "00-abc-01");
		headers.put("tracestate", "x".repeat(600));
		out.sendWithEnvelope(headers, (frame) -> sent.add(EnvelopeCodec.decode(frame)));
		out.sendWithEnvelope(headers, (frame) -> sent.add(EnvelopeCodec.decode(frame)));
		assertThat(sent).hasSize(2).allSatisfy((envelope) -> assertThat(envelope.headers())
			.containsExactly(Map.entry("traceparent", "00-abc-01")));
		assertThat(output.getAll().lines().filter((line) -> line.contains("do not all fit"))).hasSize(1);
	}

	private ZmqMessage message(long sequence) {
		byte[] envelope = EnvelopeCodec.encode(new ZmqEnvelope(this.publisher, sequence, START, Map.of()));
		return new ZmqMessage("in", List.of("t".getBytes(), envelope, "p".getBytes()), this.clock.instant());
	}

	static final class SettableClock extends Clock {

		Instant now = START;

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
