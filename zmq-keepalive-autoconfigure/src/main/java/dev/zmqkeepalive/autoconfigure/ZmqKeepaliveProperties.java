package dev.zmqkeepalive.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

import dev.zmqkeepalive.socket.ZmqSocketType;

/**
 * Configuration properties for keepalive-tuned, monitored ZeroMQ sockets. Durations take
 * a unit ({@code 500ms}, {@code 120s}, {@code 2m}); a plain number means seconds. The
 * {@link SocketOptionProperties socket options} written here ({@code backlog} and the
 * {@code tcp}, {@code heartbeat} and {@code reconnect} groups) are defaults for every
 * socket; each socket can override any of them, under the same names, under
 * {@code zmq.keepalive.sockets.<name>}.
 *
 * @author zmq-keepalive
 */
@ConfigurationProperties("zmq.keepalive")
public class ZmqKeepaliveProperties extends SocketOptionProperties {

	/**
	 * Whether to enable the ZeroMQ keepalive auto-configuration.
	 */
	private boolean enabled = true;

	/**
	 * Number of JeroMQ I/O threads.
	 */
	private int ioThreads = 1;

	/**
	 * Socket events that may wait for delivery to application listeners before further
	 * ones are dropped (and counted).
	 */
	private int eventQueueCapacity = 10_000;

	/**
	 * How long a new connection may take to complete its ZMTP handshake before it is
	 * dropped and made again (ZMQ_HANDSHAKE_IVL; JeroMQ's default is 30s).
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration handshakeTimeout = Duration.ofSeconds(5);

	/**
	 * Managed sockets by name. The name appears in health, metrics, events and thread
	 * names, so it may hold only letters, digits, '-', '_' and '.'. Each socket takes
	 * type, bind or connect, topics, silence-timeout, linger, send-hwm, receive-hwm,
	 * send-queue-capacity, send-timeout and envelope, and may override backlog, tcp.*,
	 * heartbeat.* and reconnect.*.
	 */
	private final Map<String, Socket> sockets = new LinkedHashMap<>();

	private final Template template = new Template();

	private final Listener listener = new Listener();

	private final Observation observation = new Observation();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getIoThreads() {
		return this.ioThreads;
	}

	public void setIoThreads(int ioThreads) {
		this.ioThreads = ioThreads;
	}

	public int getEventQueueCapacity() {
		return this.eventQueueCapacity;
	}

	public void setEventQueueCapacity(int eventQueueCapacity) {
		this.eventQueueCapacity = eventQueueCapacity;
	}

	public Duration getHandshakeTimeout() {
		return this.handshakeTimeout;
	}

	public void setHandshakeTimeout(Duration handshakeTimeout) {
		this.handshakeTimeout = handshakeTimeout;
	}

	public Map<String, Socket> getSockets() {
		return this.sockets;
	}

	public Template getTemplate() {
		return this.template;
	}

	public Listener getListener() {
		return this.listener;
	}

	public Observation getObservation() {
		return this.observation;
	}

	/**
	 * ZmqTemplate options.
	 */
	public static class Template {

		/**
		 * Whether to observe sends with Micrometer (timer zmq.template, and a span per
		 * send when Micrometer Tracing is present).
		 */
		private boolean observationEnabled;

		public boolean isObservationEnabled() {
			return this.observationEnabled;
		}

		public void setObservationEnabled(boolean observationEnabled) {
			this.observationEnabled = observationEnabled;
		}

	}

	/**
	 * {@code @ZmqListener} options.
	 */
	public static class Listener {

		/**
		 * Whether to observe listener calls with Micrometer (timer zmq.listener, and a
		 * span per message when Micrometer Tracing is present, continuing the sender's
		 * trace when the message carries the envelope).
		 */
		private boolean observationEnabled;

		public boolean isObservationEnabled() {
			return this.observationEnabled;
		}

		public void setObservationEnabled(boolean observationEnabled) {
			this.observationEnabled = observationEnabled;
		}

	}

	/**
	 * Options of the zmq.template and zmq.listener observations.
	 */
	public static class Observation {

		/**
		 * Whether observations are tagged with the topic. Turn on only when the topics
		 * are a small, bounded set: every distinct topic makes another timer.
		 */
		private boolean topicTag;

		public boolean isTopicTag() {
			return this.topicTag;
		}

		public void setTopicTag(boolean topicTag) {
			this.topicTag = topicTag;
		}

	}

	/**
	 * One managed socket. Its backlog, tcp, heartbeat and reconnect options are those of
	 * {@link SocketOptionProperties}, under the same names; each one left unset falls back
	 * to the value directly under {@code zmq.keepalive}.
	 */
	public static class Socket extends SocketOptionProperties {

		/**
		 * Socket type.
		 */
		private @Nullable ZmqSocketType type;

		/**
		 * Endpoints to bind, such as tcp://*:5556 (a port of * picks a free one). Either
		 * bind or connect, not both.
		 */
		private List<String> bind = new ArrayList<>();

		/**
		 * Endpoints to connect to, such as tcp://host:5556. Either bind or connect, not
		 * both.
		 */
		private List<String> connect = new ArrayList<>();

		/**
		 * Topic prefixes a sub socket subscribes to. Empty subscribes to everything.
		 */
		private List<String> topics = new ArrayList<>();

		/**
		 * Time without any inbound message after which a receiving socket is reported
		 * silent (event and health DOWN). Unset: never.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration silenceTimeout;

		/**
		 * How long queued outbound messages may delay closing the socket.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration linger = Duration.ofSeconds(1);

		/**
		 * Send high-water mark per peer (ZMQ_SNDHWM); 0 means unlimited. Unset: JeroMQ's
		 * default, 1000.
		 */
		private @Nullable Integer sendHwm;

		/**
		 * Receive high-water mark per peer (ZMQ_RCVHWM); 0 means unlimited. Unset:
		 * JeroMQ's default, 1000.
		 */
		private @Nullable Integer receiveHwm;

		/**
		 * Messages the application may queue for sending before callers wait.
		 */
		private int sendQueueCapacity = 10_000;

		/**
		 * How long a caller waits for room in a full send queue before the send fails.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration sendTimeout = Duration.ofSeconds(5);

		/**
		 * Whether messages carry an envelope frame between topic and payload (publisher
		 * instance id, sequence number, send time, trace context), so a receiving socket
		 * counts the messages it lost per publisher and their age on arrival. Both ends
		 * of a link must agree; plain ZeroMQ peers see a third frame.
		 */
		private boolean envelope;

		public Socket() {
			super(true);
		}

		public @Nullable ZmqSocketType getType() {
			return this.type;
		}

		public void setType(@Nullable ZmqSocketType type) {
			this.type = type;
		}

		public List<String> getBind() {
			return this.bind;
		}

		public void setBind(List<String> bind) {
			this.bind = bind;
		}

		public List<String> getConnect() {
			return this.connect;
		}

		public void setConnect(List<String> connect) {
			this.connect = connect;
		}

		public List<String> getTopics() {
			return this.topics;
		}

		public void setTopics(List<String> topics) {
			this.topics = topics;
		}

		public @Nullable Duration getSilenceTimeout() {
			return this.silenceTimeout;
		}

		public void setSilenceTimeout(@Nullable Duration silenceTimeout) {
			this.silenceTimeout = silenceTimeout;
		}

		public Duration getLinger() {
			return this.linger;
		}

		public void setLinger(Duration linger) {
			this.linger = linger;
		}

		public @Nullable Integer getSendHwm() {
			return this.sendHwm;
		}

		public void setSendHwm(@Nullable Integer sendHwm) {
			this.sendHwm = sendHwm;
		}

		public @Nullable Integer getReceiveHwm() {
			return this.receiveHwm;
		}

		public void setReceiveHwm(@Nullable Integer receiveHwm) {
			this.receiveHwm = receiveHwm;
		}

		public int getSendQueueCapacity() {
			return this.sendQueueCapacity;
		}

		public void setSendQueueCapacity(int sendQueueCapacity) {
			this.sendQueueCapacity = sendQueueCapacity;
		}

		public Duration getSendTimeout() {
			return this.sendTimeout;
		}

		public void setSendTimeout(Duration sendTimeout) {
			this.sendTimeout = sendTimeout;
		}

		public boolean isEnvelope() {
			return this.envelope;
		}

		public void setEnvelope(boolean envelope) {
			this.envelope = envelope;
		}

	}

}
