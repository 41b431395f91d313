package dev.zmqkeepalive.socket;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * A message received on a managed socket. The starter's convention is two frames,
 * topic then payload (what {@code ZmqTemplate} sends and what pub/sub prefix matching
 * works on); a single-frame message has an empty topic. Messages with more frames are
 * delivered whole through {@link #frames()} to listeners that take a
 * {@code ZmqMessage}.
 *
 * @param socketName name of the socket it arrived on
 * @param frames every frame, in order
 * @param receivedAt when it was taken from the socket
 * @author zmq-keepalive
 */
public record ZmqMessage(String socketName, List<byte[]> frames, Instant receivedAt) {

	private static final byte[] EMPTY = new byte[0];

	public ZmqMessage {
		frames = List.copyOf(frames);
	}

	/** Whether the message has the topic + payload shape (one or two frames). */
	public boolean isTopicAndPayload() {
		return this.frames.size() == 1 || this.frames.size() == 2;
	}

	/** The topic frame: the first of two frames, empty for a single-frame message. */
	public byte[] topic() {
		return (this.frames.size() > 1) ? this.frames.get(0) : EMPTY;
	}

	/** The payload frame: the last frame. */
	public byte[] payload() {
		return this.frames.isEmpty() ? EMPTY : this.frames.get(this.frames.size() - 1);
	}

	/** The topic decoded as UTF-8. */
	public String topicAsString() {
		return new String(topic(), StandardCharsets.UTF_8);
	}

	/** The payload decoded as UTF-8. */
	public String payloadAsString() {
		return new String(payload(), StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "ZmqMessage[socket=" + this.socketName + ", frames=" + this.frames.size() + ", topic="
				+ topicAsString() + ", payloadBytes=" + payload().length + "]";
	}

}
