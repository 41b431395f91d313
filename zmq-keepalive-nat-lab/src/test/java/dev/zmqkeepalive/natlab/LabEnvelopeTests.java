package dev.zmqkeepalive.natlab;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.zmqkeepalive.envelope.EnvelopeCodec;
import dev.zmqkeepalive.envelope.ZmqEnvelope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The plain JeroMQ processes' hand-written envelope against the starter's codec, and their gap count. */
class LabEnvelopeTests {

	private static final UUID ID = UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");

	@Test
	void theStarterReadsWhatThePlainPublisherWrites() {
		ZmqEnvelope envelope = EnvelopeCodec.decode(LabEnvelope.write(ID, 42));
		assertThat(envelope.publisherId()).isEqualTo(ID);
		assertThat(envelope.sequence()).isEqualTo(42);
		assertThat(envelope.headers()).isEmpty();
	}

	@Test
	void thePlainSubscriberReadsWhatTheStarterWrites() {
		byte[] frame = EnvelopeCodec.encode(new ZmqEnvelope(ID, 7, Instant.now(), Map.of("traceparent", "00-ab-cd-01")));
		assertThat(LabEnvelope.read(frame)).isEqualTo(new LabEnvelope.Header(ID, 7));
	}

	@Test
	void aFrameThatIsNoEnvelopeIsUnframed() {
		assertThat(LabEnvelope.read("tick 1".getBytes())).isNull();
		assertThat(LabEnvelope.read(null)).isNull();
	}

	@Test
	void gapsAreCountedPerInstanceFromTheFirstMessageSeen() {
		LabEnvelope counter = new LabEnvelope();
		UUID other = UUID.randomUUID();
		assertThat(counter.receive(new LabEnvelope.Header(ID, 5))).isNull();
		assertThat(counter.receive(new LabEnvelope.Header(ID, 6))).isNull();
		LabEnvelope.Gap gap = counter.receive(new LabEnvelope.Header(ID, 10));
		assertThat(gap.logLine("ticks-in")).isEqualTo("zmq lost socket=ticks-in publisher=" + ID + " missing=7..9 count=3");
		assertThat(LabPatterns.LOST.matcher(gap.logLine("ticks-in")).find()).isTrue();
		// A new instance starts a new count; a duplicate is no gap.
		assertThat(counter.receive(new LabEnvelope.Header(other, 100))).isNull();
		assertThat(counter.receive(new LabEnvelope.Header(ID, 10))).isNull();
		assertThat(counter.receive(new LabEnvelope.Header(other, 102)).count()).isEqualTo(1);
		assertThat(counter.lost()).isEqualTo(4);
	}

	@Test
	void theHarnessCountsOnlyBetweenTheFirstAndTheLastMessageReceived() {
		// Published 1..10; 1-2 before the subscriber heard the instance, 4 and 6 lost, 9-10 after the last one received.
		assertThat(LossCount.harnessLost(java.util.stream.LongStream.rangeClosed(1, 10).boxed().toList(),
				java.util.List.of(3L, 5L, 7L, 8L))).isEqualTo(2);
		assertThat(LossCount.harnessLost(java.util.List.of(1L, 2L), java.util.List.of())).isZero();
	}

}
