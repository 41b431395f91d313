package dev.zmqkeepalive.envelope;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Writes and reads the envelope frame. A message with the envelope is three frames:
 * topic, envelope, payload (the topic stays first so that subscribers still filter by
 * prefix). The envelope frame, integers big-endian:
 *
 * <pre>
 * offset  size  field
 *      0     4  magic and version: 'Z' 'K' 'E' 0x01
 *      4    16  publisher instance id: a UUID, most significant 8 bytes first
 *     20     8  sequence number, signed 64-bit, from 1 (per instance id)
 *     28     8  send time: microseconds since 1970-01-01T00:00:00Z, signed 64-bit
 *     36     1  number of headers, 0 to 16
 *     37     …  each header: key length (1 byte, 1 to 64), key (UTF-8),
 *               value length (2 bytes, 0 to 512), value (UTF-8)
 * </pre>
 *
 * Nothing follows the last header. A reader must reject a frame that breaks any of these
 * bounds (this one does, with {@link MalformedEnvelopeException}); headers carry trace
 * context ({@code traceparent}, {@code tracestate}, {@code b3}) and may be absent.
 *
 * @author zmq-keepalive
 */
public final class EnvelopeCodec {

	/** The first three bytes of every envelope: "ZKE". */
	static final byte[] MAGIC = { 'Z', 'K', 'E' };

	/** Big-endian longs read and written in place in a frame. */
	private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

	/** The version this codec writes and reads. */
	public static final byte VERSION = 1;

	/** Bytes before the headers. */
	public static final int FIXED_LENGTH = 37;

	/** Most headers in one envelope. */
	public static final int MAX_HEADERS = 16;

	/** Longest header key, in bytes. */
	public static final int MAX_KEY_LENGTH = 64;

	/** Longest header value, in bytes. */
	public static final int MAX_VALUE_LENGTH = 512;

	private EnvelopeCodec() {
	}

	/**
	 * Write an envelope.
	 * @param envelope the envelope
	 * @return the frame
	 * @throws IllegalArgumentException if it has more headers, or longer ones, than the
	 * format allows
	 */
	public static byte[] encode(ZmqEnvelope envelope) {
		return encode(envelope.publisherId(), envelope.sequence(), envelope.sentAt(), envelope.headers());
	}

	/**
	 * Write an envelope from its fields, for the sending path: no envelope object, and
	 * nothing but the frame itself when there are no headers. The same bytes as
	 * {@link #encode(ZmqEnvelope)} writes for
	 * {@code new ZmqEnvelope(publisherId, sequence, sentAt, headers)}, except that
	 * several headers go in the order of the given map (the record's copy has none).
	 * @param publisherId the sending socket's instance id
	 * @param sequence the message's number, from 1
	 * @param sentAt the send time
	 * @param headers trace context, possibly empty
	 * @return the frame
	 * @throws IllegalArgumentException if the sequence is below 1, or there are more
	 * headers, or longer ones, than the format allows
	 */
	public static byte[] encode(UUID publisherId, long sequence, Instant sentAt, Map<String, String> headers) {
		if (sequence < 1) {
			throw new IllegalArgumentException("Sequence numbers start at 1, not " + sequence);
		}
		if (headers.size() > MAX_HEADERS) {
			throw new IllegalArgumentException(
					"An envelope carries at most " + MAX_HEADERS + " headers, not " + headers.size());
		}
		long sentMicros = ChronoUnit.MICROS.between(Instant.EPOCH, sentAt);
		if (headers.isEmpty()) {
			// The usual case on the message path: no trace context, one fixed-size frame.
			byte[] frame = new byte[FIXED_LENGTH];
			writeFixed(frame, publisherId, sequence, sentMicros, 0);
			return frame;
		}
		Map<byte[], byte[]> encoded = new LinkedHashMap<>();
		int length = FIXED_LENGTH;
		for (Map.Entry<String, String> header : headers.entrySet()) {
			byte[] key = header.getKey().getBytes(StandardCharsets.UTF_8);
			byte[] value = header.getValue().getBytes(StandardCharsets.UTF_8);
			if (key.length < 1 || key.length > MAX_KEY_LENGTH || value.length > MAX_VALUE_LENGTH) {
				throw new IllegalArgumentException("Envelope header '" + header.getKey() + "' has a key of "
						+ key.length + " bytes and a value of " + value.length + " bytes; keys take 1 to "
						+ MAX_KEY_LENGTH + " bytes, values up to " + MAX_VALUE_LENGTH);
			}
			encoded.put(key, value);
			length += 1 + key.length + 2 + value.length;
		}
		byte[] frame = new byte[length];
		writeFixed(frame, publisherId, sequence, sentMicros, encoded.size());
		ByteBuffer buffer = ByteBuffer.wrap(frame, FIXED_LENGTH, length - FIXED_LENGTH);
		encoded.forEach((key, value) -> {
			buffer.put((byte) key.length).put(key);
			buffer.putShort((short) value.length).put(value);
		});
		return frame;
	}

	private static void writeFixed(byte[] frame, UUID publisherId, long sequence, long sentMicros, int headers) {
		frame[0] = MAGIC[0];
		frame[1] = MAGIC[1];
		frame[2] = MAGIC[2];
		frame[3] = VERSION;
		LONG.set(frame, 4, publisherId.getMostSignificantBits());
		LONG.set(frame, 12, publisherId.getLeastSignificantBits());
		LONG.set(frame, 20, sequence);
		LONG.set(frame, 28, sentMicros);
		frame[36] = (byte) headers;
	}

	/**
	 * The headers an envelope can carry: those whose key and value are within bounds, up
	 * to {@link #MAX_HEADERS} of them, in order.
	 * @param headers headers to carry
	 * @return the ones that fit (the same map when all do)
	 */
	public static Map<String, String> fitting(Map<String, String> headers) {
		if (headers.isEmpty()) {
			return headers;
		}
		Map<String, String> fitting = new LinkedHashMap<>();
		for (Map.Entry<String, String> header : headers.entrySet()) {
			int keyLength = header.getKey().getBytes(StandardCharsets.UTF_8).length;
			if (fitting.size() < MAX_HEADERS && keyLength >= 1 && keyLength <= MAX_KEY_LENGTH
					&& header.getValue().getBytes(StandardCharsets.UTF_8).length <= MAX_VALUE_LENGTH) {
				fitting.put(header.getKey(), header.getValue());
			}
		}
		return (fitting.size() == headers.size()) ? headers : fitting;
	}

	/**
	 * Whether a frame claims to be an envelope (starts with "ZKE"), whatever its version.
	 * @param frame the frame
	 * @return whether it does
	 */
	public static boolean looksLikeEnvelope(byte[] frame) {
		return frame.length >= MAGIC.length && frame[0] == MAGIC[0] && frame[1] == MAGIC[1] && frame[2] == MAGIC[2];
	}

	/**
	 * Read an envelope.
	 * @param frame the frame
	 * @return the envelope
	 * @throws MalformedEnvelopeException if the frame is not a valid envelope of this
	 * version
	 */
	public static ZmqEnvelope decode(byte[] frame) {
		if (!looksLikeEnvelope(frame)) {
			throw new MalformedEnvelopeException("Not an envelope: it does not start with \"ZKE\"");
		}
		if (frame.length < FIXED_LENGTH) {
			throw new MalformedEnvelopeException(
					"Envelope of " + frame.length + " bytes, shorter than its fixed " + FIXED_LENGTH);
		}
		if (frame[3] != VERSION) {
			throw new MalformedEnvelopeException(
					"Envelope version " + (frame[3] & 0xff) + "; this reader knows version " + VERSION);
		}
		// The fixed part read in place (the length is checked above), the headers
		// through a buffer that starts after it.
		long sequence = (long) LONG.get(frame, 20);
		if (sequence < 1) {
			throw new MalformedEnvelopeException("Sequence number " + sequence + "; they start at 1");
		}
		UUID publisherId = new UUID((long) LONG.get(frame, 4), (long) LONG.get(frame, 12));
		long sentMicros = (long) LONG.get(frame, 28);
		// What Instant.EPOCH.plus(sentMicros, ChronoUnit.MICROS) computes, without the
		// unit's dispatch: exact, and in range for every long.
		Instant sentAt = Instant.ofEpochSecond(sentMicros / 1_000_000, (sentMicros % 1_000_000) * 1_000);
		ByteBuffer buffer = ByteBuffer.wrap(frame, FIXED_LENGTH - 1, frame.length - FIXED_LENGTH + 1);
		try {
			int count = buffer.get() & 0xff;
			if (count > MAX_HEADERS) {
				throw new MalformedEnvelopeException(count + " headers; at most " + MAX_HEADERS);
			}
			Map<String, String> headers = (count == 0) ? Map.of() : new LinkedHashMap<>();
			for (int i = 0; i < count; i++) {
				int keyLength = buffer.get() & 0xff;
				if (keyLength < 1 || keyLength > MAX_KEY_LENGTH) {
					throw new MalformedEnvelopeException(
							"Header key of " + keyLength + " bytes; keys take 1 to " + MAX_KEY_LENGTH);
				}
				String key = utf8(buffer, keyLength);
				int valueLength = buffer.getShort() & 0xffff;
				if (valueLength > MAX_VALUE_LENGTH) {
					throw new MalformedEnvelopeException(
							"Header value of " + valueLength + " bytes; at most " + MAX_VALUE_LENGTH);
				}
				headers.put(key, utf8(buffer, valueLength));
			}
			if (buffer.hasRemaining()) {
				throw new MalformedEnvelopeException(buffer.remaining() + " bytes after the last header");
			}
			return new ZmqEnvelope(publisherId, sequence, sentAt, headers);
		}
		catch (BufferUnderflowException ex) {
			throw new MalformedEnvelopeException("Envelope of " + frame.length + " bytes ends inside a header");
		}
	}

	private static String utf8(ByteBuffer buffer, int length) {
		byte[] bytes = new byte[length];
		buffer.get(bytes);
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new MalformedEnvelopeException("Header of " + length + " bytes that are not UTF-8");
		}
	}

}
