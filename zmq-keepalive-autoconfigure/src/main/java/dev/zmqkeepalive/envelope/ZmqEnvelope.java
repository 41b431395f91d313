package dev.zmqkeepalive.envelope;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What the envelope frame says about a message: who sent it, its place in that sender's
 * sequence, when it was sent and, with observations on, the trace context. The wire
 * format is {@link EnvelopeCodec}'s.
 *
 * @param publisherId the sending socket's instance id: new each time the sending
 * application starts, so a restarted publisher is told apart from a gap
 * @param sequence the message's number in that instance's sequence, from 1
 * @param sentAt when the sender handed it over, by the sender's clock
 * @param headers trace context (W3C {@code traceparent} and the like), possibly empty
 * @author zmq-keepalive
 */
public record ZmqEnvelope(UUID publisherId, long sequence, Instant sentAt, Map<String, String> headers) {

	public ZmqEnvelope {
		if (sequence < 1) {
			throw new IllegalArgumentException("Sequence numbers start at 1, not " + sequence);
		}
		headers = Map.copyOf(headers);
	}

}
