package dev.zmqkeepalive.core;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import dev.zmqkeepalive.convert.ZmqPayloadConversionException;
import dev.zmqkeepalive.convert.ZmqPayloadConverters;
import dev.zmqkeepalive.messaging.SocketMessaging;
import dev.zmqkeepalive.messaging.SocketMessagingRegistry;
import dev.zmqkeepalive.observation.DefaultZmqTemplateObservationConvention;
import dev.zmqkeepalive.observation.ZmqObservationDocumentation;
import dev.zmqkeepalive.observation.ZmqSenderContext;
import dev.zmqkeepalive.observation.ZmqTemplateObservationConvention;
import dev.zmqkeepalive.socket.ManagedSocket;
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
 * <p>
 * {@link #convertAndSend} sends any object, written by the first
 * {@link dev.zmqkeepalive.convert.ZmqPayloadConverter payload converter} that takes its
 * class (JSON for records and POJOs when Jackson is present). On a socket with the
 * envelope on ({@code zmq.keepalive.sockets.<name>.envelope=true}) every topic + payload
 * send carries the envelope frame between topic and payload;
 * {@link #sendFrames(String, byte[][])} sends its frames as given. With observations
 * on, each send is a {@code zmq.template} observation whose trace context travels in the
 * envelope.
 *
 * @author zmq-keepalive
 */
public class ZmqTemplate {

	private final ManagedSocketRegistry sockets;

	private final ZmqPayloadConverters converters;

	private final @Nullable SocketMessagingRegistry messaging;

	private boolean observationEnabled;

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private @Nullable ZmqTemplateObservationConvention observationConvention;

	private ZmqTemplateObservationConvention defaultObservationConvention = new DefaultZmqTemplateObservationConvention();

	/**
	 * Create a template that sends text and binary payloads, without envelopes.
	 * @param sockets the sockets
	 */
	public ZmqTemplate(ManagedSocketRegistry sockets) {
		this(sockets, ZmqPayloadConverters.textAndBinary(), null);
	}

	/**
	 * Create a template.
	 * @param sockets the sockets
	 * @param converters the payload converters
	 * @param messaging per-socket envelope state ({@code null}: no envelopes)
	 */
	public ZmqTemplate(ManagedSocketRegistry sockets, ZmqPayloadConverters converters,
			@Nullable SocketMessagingRegistry messaging) {
		this.sockets = sockets;
		this.converters = converters;
		this.messaging = messaging;
	}

	/**
	 * Whether sends are observed ({@code zmq.template} timer, and spans when tracing is
	 * present). Off by default.
	 * @param observationEnabled whether to observe
	 */
	public void setObservationEnabled(boolean observationEnabled) {
		this.observationEnabled = observationEnabled;
	}

	/**
	 * The registry observations go to.
	 * @param observationRegistry the registry
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		this.observationRegistry = observationRegistry;
	}

	/**
	 * A convention replacing the default one.
	 * @param observationConvention the convention, or {@code null} for the default
	 */
	public void setObservationConvention(@Nullable ZmqTemplateObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
	}

	/**
	 * The convention used unless {@link #setObservationConvention one is set}.
	 * @param defaultObservationConvention the convention
	 */
	public void setDefaultObservationConvention(ZmqTemplateObservationConvention defaultObservationConvention) {
		this.defaultObservationConvention = defaultObservationConvention;
	}

	/**
	 * Send a topic and an object, converted to the payload frame by the first converter
	 * that takes its class: {@code byte[]} as is, {@code String} as UTF-8, anything else
	 * as JSON when Jackson is on the class path, or by a
	 * {@link dev.zmqkeepalive.convert.ZmqPayloadConverter} bean.
	 * @param socket name of a sending socket
	 * @param topic the topic frame, UTF-8
	 * @param payload the object
	 * @throws ZmqPayloadConversionException if no converter takes the object's class, or
	 * the one that does fails (nothing is sent)
	 * @throws ZmqSendException if the message cannot be queued
	 */
	public void convertAndSend(String socket, String topic, Object payload) {
		notNull(payload, "payload");
		sendObserved(socket, utf8(notNull(topic, "topic")), () -> this.converters.toPayload(payload));
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
		notNull(payload, "payload");
		sendObserved(socket, notNull(topic, "topic"), () -> payload);
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

	private void sendObserved(String name, byte[] topic, PayloadWriter payload) {
		ManagedSocket socket = this.sockets.get(name);
		SocketMessaging messaging = (this.messaging != null) ? this.messaging.find(name) : null;
		if (!this.observationEnabled) {
			handOver(socket, messaging, topic, payload.write(), Map.of());
			return;
		}
		ZmqSenderContext context = new ZmqSenderContext(name, socket.settings().type().id(),
				new String(topic, StandardCharsets.UTF_8));
		ZmqObservationDocumentation.TEMPLATE
			.observation(this.observationConvention, this.defaultObservationConvention, () -> context,
					this.observationRegistry)
			.observe(() -> handOver(socket, messaging, topic, payload.write(), context.getHeaders()));
	}

	private static void handOver(ManagedSocket socket, @Nullable SocketMessaging messaging, byte[] topic, byte[] payload,
			Map<String, String> headers) {
		if (messaging != null && messaging.envelope()) {
			messaging.sendWithEnvelope(headers, (envelope) -> socket.send(topic, envelope, payload));
		}
		else {
			socket.send(topic, payload);
		}
	}

	/** Writes the payload frame inside the observation, so conversion is part of it. */
	@FunctionalInterface
	private interface PayloadWriter {

		byte[] write();

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
