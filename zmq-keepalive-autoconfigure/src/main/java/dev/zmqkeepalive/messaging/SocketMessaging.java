package dev.zmqkeepalive.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.zmqkeepalive.envelope.EnvelopeCodec;
import dev.zmqkeepalive.envelope.MalformedEnvelopeException;
import dev.zmqkeepalive.envelope.MissingMessages;
import dev.zmqkeepalive.envelope.PublisherLossTracker;
import dev.zmqkeepalive.envelope.ZmqEnvelope;
import dev.zmqkeepalive.envelope.ZmqMessagesLostEvent;
import dev.zmqkeepalive.socket.ZmqMessage;

/**
 * What the starter keeps about one socket's messages above ZeroMQ: whether it uses the
 * envelope, the sending side's instance id and sequence, the receiving side's loss per
 * publisher, and the messages that arrived without an envelope or did not convert.
 *
 * @author zmq-keepalive
 */
public final class SocketMessaging {

	/** Publisher instances a receiving socket remembers (instance ids come from the network). */
	public static final int MAX_PUBLISHERS = 1024;

	/** Gaps are logged at WARN at most this often per socket; the rest at DEBUG. */
	static final Duration GAP_REPORT_INTERVAL = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(SocketMessaging.class);

	private final String name;

	private final String type;

	private final boolean envelope;

	private final boolean receives;

	private final Clock clock;

	private final UUID instanceId = UUID.randomUUID();

	private final Object sendLock = new Object();

	private long sequence;

	private volatile boolean headersDropped;

	private final @Nullable PublisherLossTracker loss;

	private final LongAdder unframed = new LongAdder();

	private final LongAdder malformed = new LongAdder();

	private final LongAdder conversionFailures = new LongAdder();

	private final Consumer<ZmqMessagesLostEvent> lostEvents;

	private volatile Consumer<Duration> ageRecorder = (age) -> {
	};

	// Owned by the socket's thread: every listener of a socket gets the same message
	// object, so the envelope is read (and loss counted) once per message.
	private @Nullable ZmqMessage lastRaw;

	private @Nullable Inbound lastOpened;

	private @Nullable Instant lastGapReport;

	private long gapsUnreported;

	private long lostUnreported;

	/**
	 * Create the state of one socket.
	 * @param name the socket's name
	 * @param type its type id ({@code pub}, {@code sub}, …)
	 * @param envelope whether it sends and expects the envelope
	 * @param receives whether the socket type receives messages
	 * @param clock the clock for send times (arrival times, and ages, are when the socket
	 * took the message: {@link ZmqMessage#receivedAt()}, by the socket's clock)
	 * @param lostEvents where to publish {@link ZmqMessagesLostEvent}s
	 */
	public SocketMessaging(String name, String type, boolean envelope, boolean receives, Clock clock,
			Consumer<ZmqMessagesLostEvent> lostEvents) {
		this.name = name;
		this.type = type;
		this.envelope = envelope;
		this.receives = receives;
		this.clock = clock;
		this.lostEvents = lostEvents;
		this.loss = (envelope && receives) ? new PublisherLossTracker(MAX_PUBLISHERS) : null;
	}

	public String name() {
		return this.name;
	}

	public String type() {
		return this.type;
	}

	/** Whether the socket's type receives messages. */
	public boolean receives() {
		return this.receives;
	}

	/** Whether the socket sends and expects the envelope. */
	public boolean envelope() {
		return this.envelope;
	}

	/** The id this socket's envelopes carry as their publisher instance id. */
	public UUID instanceId() {
		return this.instanceId;
	}

	/**
	 * Send with the next envelope. Numbering and handing over happen under one lock, so
	 * the sequence on the wire has no holes and no reordering whatever the calling
	 * threads; a send that fails gives its number back.
	 * @param headers trace context to carry
	 * @param send hands the envelope frame, with the message, to the socket
	 */
	public void sendWithEnvelope(Map<String, String> headers, Consumer<byte[]> send) {
		Map<String, String> fitting = EnvelopeCodec.fitting(headers);
		if (fitting != headers && !this.headersDropped) {
			// Trace context is worth less than the message: send without what does not fit.
			this.headersDropped = true;
			logger.warn("Socket '" + this.name + "': trace headers " + headers.keySet() + " do not all fit the "
					+ "envelope (at most " + EnvelopeCodec.MAX_HEADERS + " headers, keys up to "
					+ EnvelopeCodec.MAX_KEY_LENGTH + " bytes, values up to " + EnvelopeCodec.MAX_VALUE_LENGTH
					+ " bytes); sending " + fitting.keySet() + ". Logged once per socket");
		}
		synchronized (this.sendLock) {
			long next = this.sequence + 1;
			send.accept(EnvelopeCodec.encode(this.instanceId, next, this.clock.instant(), fitting));
			this.sequence = next;
		}
	}

	/** The last sequence number sent (0 before the first). */
	public long lastSequenceSent() {
		synchronized (this.sendLock) {
			return this.sequence;
		}
	}

	/**
	 * The message as listeners should see it: without the envelope frame, if the socket
	 * uses the envelope. The first call for a message reads its envelope, counts loss
	 * and age, and publishes a {@link ZmqMessagesLostEvent} for a gap; later calls for
	 * the same message (other listeners) return the same result. Socket thread only.
	 * @param raw the message as it arrived
	 * @return the message and its envelope, if it had one
	 */
	public Inbound open(ZmqMessage raw) {
		if (raw == this.lastRaw && this.lastOpened != null) {
			return this.lastOpened;
		}
		Inbound opened = this.envelope ? unwrap(raw) : new Inbound(raw, null);
		this.lastRaw = raw;
		this.lastOpened = opened;
		return opened;
	}

	private Inbound unwrap(ZmqMessage raw) {
		List<byte[]> frames = raw.frames();
		if (frames.size() != 3 || !EnvelopeCodec.looksLikeEnvelope(frames.get(1))) {
			this.unframed.increment();
			return new Inbound(raw, null);
		}
		ZmqMessage message = new ZmqMessage(raw.socketName(), List.of(frames.get(0), frames.get(2)),
				raw.receivedAt());
		ZmqEnvelope envelope;
		try {
			envelope = EnvelopeCodec.decode(frames.get(1));
		}
		catch (MalformedEnvelopeException ex) {
			this.unframed.increment();
			this.malformed.increment();
			if (this.malformed.sum() == 1 || logger.isDebugEnabled()) {
				logger.warn("Socket '" + this.name + "' received a malformed envelope (" + ex.getMessage()
						+ "); delivered without it and counted as unframed (further ones are logged at DEBUG)");
			}
			return new Inbound(message, null);
		}
		// When the socket took it: the clock is read once per message, not twice.
		Instant now = raw.receivedAt();
		MissingMessages missing = (this.loss != null) ? this.loss.arrived(envelope, now) : null;
		Duration age = Duration.between(envelope.sentAt(), now);
		this.ageRecorder.accept(age.isNegative() ? Duration.ZERO : age);
		if (missing != null) {
			report(missing, now);
			this.lostEvents.accept(new ZmqMessagesLostEvent(this, this.name, missing, now));
		}
		return new Inbound(message, envelope);
	}

	/**
	 * Log a gap: at WARN at most every {@link #GAP_REPORT_INTERVAL} (a lossy link has a gap
	 * every few messages), summing up the gaps logged at DEBUG in between.
	 */
	private void report(MissingMessages missing, Instant now) {
		String gap = "Socket '" + this.name + "' lost " + missing.count() + " message(s) from publisher "
				+ missing.publisherId() + ": sequence " + missing.firstMissing() + " to " + missing.lastMissing();
		if (this.lastGapReport != null && Duration.between(this.lastGapReport, now).compareTo(GAP_REPORT_INTERVAL) < 0) {
			this.gapsUnreported++;
			this.lostUnreported += missing.count();
			if (logger.isDebugEnabled()) {
				logger.debug(gap);
			}
			return;
		}
		String since = (this.gapsUnreported > 0) ? "; before it, " + this.gapsUnreported + " more gap(s) with "
				+ this.lostUnreported + " message(s) lost, logged at DEBUG" : "";
		logger.warn(gap + since + " (zmq.socket.messages.lost counts them all)");
		this.lastGapReport = now;
		this.gapsUnreported = 0;
		this.lostUnreported = 0;
	}

	/**
	 * Count a payload that did not convert.
	 */
	public void conversionFailed() {
		this.conversionFailures.increment();
	}

	/**
	 * Where ages on arrival go (a Micrometer timer, when metrics are on).
	 * @param recorder the recorder
	 */
	public void recordAgesWith(Consumer<Duration> recorder) {
		this.ageRecorder = recorder;
	}

	/** Messages lost, over every publisher (0 without the envelope). */
	public long lost() {
		return (this.loss != null) ? this.loss.lost() : 0;
	}

	/** The loss tracker, for receiving sockets with the envelope. */
	public @Nullable PublisherLossTracker loss() {
		return this.loss;
	}

	/** Messages that arrived without a valid envelope on a socket that expects one. */
	public long unframed() {
		return this.unframed.sum();
	}

	/** Of those, the ones whose envelope frame was malformed. */
	public long malformed() {
		return this.malformed.sum();
	}

	/** Payloads that did not convert to the listener's parameter type. */
	public long conversionFailures() {
		return this.conversionFailures.sum();
	}

	/**
	 * A message as listeners see it.
	 *
	 * @param message the message, without its envelope frame
	 * @param envelope the envelope, if it had a valid one
	 */
	public record Inbound(ZmqMessage message, @Nullable ZmqEnvelope envelope) {

		/** Trace context the envelope carried (empty without one). */
		public Map<String, String> headers() {
			return (this.envelope != null) ? this.envelope.headers() : Map.of();
		}

	}

}
