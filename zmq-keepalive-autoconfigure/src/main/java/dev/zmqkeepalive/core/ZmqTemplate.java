package dev.zmqkeepalive.core;

import java.nio.charset.StandardCharsets;

import dev.zmqkeepalive.socket.ManagedSocketRegistry;
import dev.zmqkeepalive.socket.ZmqSendException;

/**
 * Sends messages on managed sockets from any thread. JeroMQ sockets are not
 * thread-safe; each managed socket has a lock, and a send that finds the socket free
 * hands the message to JeroMQ on the calling thread under that lock. One that finds it
 * busy or full puts the message on the socket's bounded send queue, behind the calling
 * thread's earlier messages, and whoever holds the lock next hands it over: in order per
 * calling thread. Messages are two frames, topic then payload, so subscribers can filter
 * by topic prefix.
 *
 * <p>
 * A send returns once the message is handed over or queued. When the socket's peers do
 * not keep up and the queue is full, the caller waits up to the socket's
 * {@code send-timeout} and then gets a {@link ZmqSendException}: back-pressure, never a
 * silent drop by the starter. (A {@code pub} socket still drops for a subscriber whose
 * own queue is past its {@code send-hwm}, as ZeroMQ does.) On the socket's own thread (in
 * a listener) a send never waits: a full queue fails at once. A {@code null} topic,
 * payload or frame, text or binary, is refused with an {@link IllegalArgumentException}.
 *
 * @author zmq-keepalive
 */
public class ZmqTemplate {

	private final ManagedSocketRegistry sockets;

	public ZmqTemplate(ManagedSocketRegistry sockets) {
		this.sockets = sockets;
	}

	/**
	 * Send a topic and a UTF-8 text payload.
	 * @param socket name of a sending socket (pub, xpub, xsub, push)
	 * @param topic the topic frame
	 * @param payload the payload frame
	 * @throws ZmqSendException if the message cannot be queued
	 * @throws IllegalArgumentException if there is no socket with that name, or the
	 * topic or the payload is {@code null}
	 */
	public void send(String socket, String topic, String payload) {
		send(socket, utf8(notNull(topic, "topic")), utf8(notNull(payload, "payload")));
	}

	/**
	 * Send a topic and a binary payload.
	 * @param socket name of a sending socket
	 * @param topic the topic frame
	 * @param payload the payload frame (not copied: do not change it afterwards)
	 * @throws ZmqSendException if the message cannot be queued
	 */
	public void send(String socket, String topic, byte[] payload) {
		send(socket, utf8(notNull(topic, "topic")), payload);
	}

	/**
	 * Send a binary topic and payload.
	 * @param socket name of a sending socket
	 * @param topic the topic frame
	 * @param payload the payload frame (not copied: do not change it afterwards)
	 * @throws ZmqSendException if the message cannot be queued
	 */
	public void send(String socket, byte[] topic, byte[] payload) {
		this.sockets.get(socket).send(notNull(topic, "topic"), notNull(payload, "payload"));
	}

	/**
	 * Send a message of any frames, for protocols other than topic + payload (for
	 * example subscription frames on an xsub socket).
	 * @param socket name of a sending socket
	 * @param frames the frames, in order
	 * @throws ZmqSendException if the message cannot be queued
	 */
	public void sendFrames(String socket, byte[]... frames) {
		notNull(frames, "frames");
		for (int i = 0; i < frames.length; i++) {
			notNull(frames[i], "frame " + i);
		}
		this.sockets.get(socket).send(frames);
	}

	/**
	 * One rule for text and binary frames: {@code null} is a mistake, never sent as an
	 * empty frame.
	 */
	private static <T> T notNull(T frame, String name) {
		if (frame == null) {
			throw new IllegalArgumentException(
					"The " + name + " is null; send an empty one (\"\" or new byte[0]) if that is what you mean");
		}
		return frame;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
