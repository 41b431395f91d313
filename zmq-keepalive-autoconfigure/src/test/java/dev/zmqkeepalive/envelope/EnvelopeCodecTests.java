package dev.zmqkeepalive.envelope;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EnvelopeCodecTests {

	private static final UUID ID = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");

	/** Written by envelope_peer.py's encode(), independently of this codec. */
	private static final String FROM_PYTHON = "5a4b450100112233445566778899aabbccddeeff0000000000000005"
			+ "00060a24181e4000010b7472616365706172656e74000930302d6162632d3031";

	private static final Instant SENT = Instant.ofEpochSecond(1_700_000_000L);

	@Test
	void whenAnEnvelopeIsWrittenThenItsBytesAreThoseTheReadmeDocumentsAndPythonWrites() {
		ZmqEnvelope envelope = new ZmqEnvelope(ID, 5, SENT, Map.of("traceparent", "00-abc-01"));
		assertThat(HexFormat.of().formatHex(EnvelopeCodec.encode(envelope))).isEqualTo(FROM_PYTHON);
	}

	@Test
	void whenPythonsEnvelopeIsReadThenEveryFieldComesBack() {
		ZmqEnvelope envelope = EnvelopeCodec.decode(HexFormat.of().parseHex(FROM_PYTHON));
		assertThat(envelope.publisherId()).isEqualTo(ID);
		assertThat(envelope.sequence()).isEqualTo(5);
		assertThat(envelope.sentAt()).isEqualTo(SENT);
		assertThat(envelope.headers()).containsExactly(Map.entry("traceparent", "00-abc-01"));
	}

	@Test
	void whenAnEnvelopeWithoutHeadersIsWrittenThenItIsTheFixedLengthAndReadsBack() {
		ZmqEnvelope envelope = new ZmqEnvelope(UUID.randomUUID(), Long.MAX_VALUE, Instant.parse("2026-11-25T14:00:00.123456Z"),
				Map.of());
		byte[] frame = EnvelopeCodec.encode(envelope);
		assertThat(frame).hasSize(EnvelopeCodec.FIXED_LENGTH);
		assertThat(EnvelopeCodec.decode(frame)).isEqualTo(envelope);
	}

	@Test
	void whenAnEnvelopeIsWrittenFromItsFieldsThenTheBytesAreThoseOfTheEnvelopeRecord() {
		Instant sent = Instant.parse("2026-11-25T14:00:00.123456789Z");
		assertThat(EnvelopeCodec.encode(ID, 7, sent, Map.of("traceparent", "00-abc-01")))
			.isEqualTo(EnvelopeCodec.encode(new ZmqEnvelope(ID, 7, sent, Map.of("traceparent", "00-abc-01"))));
		// Several headers go in the map's order (the record keeps them in no particular
		// one); a reader takes them as a map either way.
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("traceparent", "00-abc-01");
		headers.put("tracestate", "");
		byte[] frame = EnvelopeCodec.encode(ID, 7, sent, headers);
		assertThat(EnvelopeCodec.decode(frame))
			.isEqualTo(new ZmqEnvelope(ID, 7, sent.truncatedTo(ChronoUnit.MICROS), headers));
		assertThat(EnvelopeCodec.decode(frame).headers().keySet()).containsExactlyInAnyOrder("traceparent", "tracestate");
		assertThat(HexFormat.of().formatHex(frame, EnvelopeCodec.FIXED_LENGTH, EnvelopeCodec.FIXED_LENGTH + 12))
			.isEqualTo("0b7472616365706172656e74");
		assertThat(EnvelopeCodec.encode(ID, 7, sent, Map.of()))
			.isEqualTo(EnvelopeCodec.encode(new ZmqEnvelope(ID, 7, sent, Map.of())));
		assertThatIllegalArgumentException().isThrownBy(() -> EnvelopeCodec.encode(ID, 0, sent, Map.of()))
			.withMessage("Sequence numbers start at 1, not 0");
	}

	@Test
	void whenASendTimeIsFarFromTheEpochThenItReadsBackAsTheMicrosecondsSinceTheEpochSay() {
		for (long micros : new long[] { Long.MIN_VALUE, -1_500_001, -1, 0, 1, 1_700_000_000_123_456L, Long.MAX_VALUE }) {
			byte[] frame = EnvelopeCodec.encode(ID, 1, SENT, Map.of());
			ByteBuffer.wrap(frame).putLong(28, micros);
			assertThat(EnvelopeCodec.decode(frame).sentAt()).isEqualTo(Instant.EPOCH.plus(micros, ChronoUnit.MICROS));
		}
	}

	@Test
	void whenTheVersionIsUnknownThenReadingSaysWhichVersionsItKnows() {
		byte[] frame = HexFormat.of().parseHex(FROM_PYTHON);
		frame[3] = 2;
		assertThatExceptionOfType(MalformedEnvelopeException.class).isThrownBy(() -> EnvelopeCodec.decode(frame))
			.withMessage("Envelope version 2; this reader knows version 1");
	}

	@Test
	void whenTheFrameIsTruncatedOrHasTrailingBytesThenReadingFails() {
		byte[] frame = HexFormat.of().parseHex(FROM_PYTHON);
		assertThatExceptionOfType(MalformedEnvelopeException.class)
			.isThrownBy(() -> EnvelopeCodec.decode(java.util.Arrays.copyOf(frame, frame.length - 1)))
			.withMessageContaining("ends inside a header");
		assertThatExceptionOfType(MalformedEnvelopeException.class)
			.isThrownBy(() -> EnvelopeCodec.decode(java.util.Arrays.copyOf(frame, 20)))
			.withMessageContaining("shorter than its fixed 37");
		assertThatExceptionOfType(MalformedEnvelopeException.class)
			.isThrownBy(() -> EnvelopeCodec.decode(java.util.Arrays.copyOf(frame, frame.length + 2)))
			.withMessage("2 bytes after the last header");
	}

	@Test
	void whenAHostileFrameClaimsTooManyOrTooLongHeadersThenReadingFailsBeforeAllocatingThem() {
		byte[] many = EnvelopeCodec.encode(new ZmqEnvelope(ID, 1, SENT, Map.of()));
		many[36] = (byte) 200;
		assertThatExceptionOfType(MalformedEnvelopeException.class).isThrownBy(() -> EnvelopeCodec.decode(many))
			.withMessage("200 headers; at most 16");
		byte[] longValue = HexFormat.of().parseHex(FROM_PYTHON);
		longValue[37 + 1 + 11] = (byte) 0xff;
		assertThatExceptionOfType(MalformedEnvelopeException.class).isThrownBy(() -> EnvelopeCodec.decode(longValue))
			.withMessageStartingWith("Header value of 65289 bytes");
	}

	@Test
	void whenASequenceNumberIsBelowOneThenReadingFails() {
		byte[] frame = EnvelopeCodec.encode(new ZmqEnvelope(ID, 1, SENT, Map.of()));
		frame[27] = 0;
		assertThatExceptionOfType(MalformedEnvelopeException.class).isThrownBy(() -> EnvelopeCodec.decode(frame))
			.withMessage("Sequence number 0; they start at 1");
	}

	@Test
	void whenAFrameDoesNotStartWithZkeThenItDoesNotLookLikeAnEnvelope() {
		assertThat(EnvelopeCodec.looksLikeEnvelope("{\"sequence\":1}".getBytes())).isFalse();
		assertThat(EnvelopeCodec.looksLikeEnvelope(new byte[] { 'Z', 'K' })).isFalse();
		assertThat(EnvelopeCodec.looksLikeEnvelope(HexFormat.of().parseHex(FROM_PYTHON))).isTrue();
	}

	@Test
	void whenHeadersBreakTheBoundsThenWritingFailsNamingTheHeader() {
		Map<String, String> many = new LinkedHashMap<>();
		for (int i = 0; i < 17; i++) {
			many.put("k" + i, "v");
		}
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EnvelopeCodec.encode(new ZmqEnvelope(ID, 1, SENT, many)))
			.withMessage("An envelope carries at most 16 headers, not 17");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EnvelopeCodec.encode(new ZmqEnvelope(ID, 1, SENT, Map.of("tracestate", "x".repeat(513)))))
			.withMessageStartingWith("Envelope header 'tracestate' has a key of 10 bytes and a value of 513 bytes");
	}

}
