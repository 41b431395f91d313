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
 * {@code tcp}, {@code heartbeat} and {@code reconnect} groups are defaults for every
 * socket; each socket can override any of them under
 * {@code zmq.keepalive.sockets.<name>}.
 *
 * @author zmq-keepalive
 */
@ConfigurationProperties("zmq.keepalive")
public class ZmqKeepaliveProperties {

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

	private final Tcp tcp = new Tcp();

	private final Heartbeat heartbeat = new Heartbeat();

	private final Reconnect reconnect = new Reconnect();

	/**
	 * Managed sockets by name. The name appears in health, metrics, events and thread
	 * names, so it may hold only letters, digits, '-', '_' and '.'.
	 */
	private final Map<String, Socket> sockets = new LinkedHashMap<>();

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

	public Tcp getTcp() {
		return this.tcp;
	}

	public Heartbeat getHeartbeat() {
		return this.heartbeat;
	}

	public Reconnect getReconnect() {
		return this.reconnect;
	}

	public Map<String, Socket> getSockets() {
		return this.sockets;
	}

	/**
	 * TCP keepalive defaults. With idle 60s, interval 10s and count 3, an idle
	 * connection sends a probe every minute (well inside the shortest common NAT idle
	 * timeouts) and a dead path is noticed within 90 s.
	 */
	public static class Tcp {

		/**
		 * Whether to switch TCP keepalive on for every connection (ZMQ_TCP_KEEPALIVE).
		 */
		private boolean enabled = true;

		/**
		 * Idle time before the first keepalive probe (ZMQ_TCP_KEEPALIVE_IDLE). Keep it
		 * below the idle timeout of every NAT and firewall on the path. Whole seconds,
		 * 1s to 32767s.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration idle = Duration.ofSeconds(60);

		/**
		 * Time between unanswered keepalive probes (ZMQ_TCP_KEEPALIVE_INTVL). Whole
		 * seconds, 1s to 32767s.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration interval = Duration.ofSeconds(10);

		/**
		 * Unanswered probes after which the connection is declared dead
		 * (ZMQ_TCP_KEEPALIVE_CNT), 1 to 127.
		 */
		private int count = 3;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getIdle() {
			return this.idle;
		}

		public void setIdle(Duration idle) {
			this.idle = idle;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public int getCount() {
			return this.count;
		}

		public void setCount(int count) {
			this.count = count;
		}

	}

	/**
	 * ZMTP 3.1 heartbeat defaults. Heartbeats also notice a peer whose process hangs,
	 * which TCP keepalive cannot (the peer's kernel still answers probes).
	 */
	public static class Heartbeat {

		/**
		 * Time between heartbeat PINGs (ZMQ_HEARTBEAT_IVL). 0 turns heartbeats off.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration interval = Duration.ofSeconds(15);

		/**
		 * Time to wait for any traffic after a PING before dropping the connection
		 * (ZMQ_HEARTBEAT_TIMEOUT). At least the interval.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration timeout = Duration.ofSeconds(45);

		/**
		 * Time the peer should wait for traffic before dropping the connection
		 * (ZMQ_HEARTBEAT_TTL), at most 655s.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration ttl = Duration.ofSeconds(45);

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

	}

	/**
	 * Reconnect back-off defaults of connecting sockets.
	 */
	public static class Reconnect {

		/**
		 * First delay before reconnecting a lost connection (ZMQ_RECONNECT_IVL). Must be
		 * positive.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration interval = Duration.ofMillis(100);

		/**
		 * Upper bound of the exponential reconnect back-off (ZMQ_RECONNECT_IVL_MAX). At
		 * least the interval.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration maxInterval = Duration.ofSeconds(30);

		/**
		 * How long a TCP connect may stay unanswered before a receiving socket (sub, pull,
		 * xsub) starts it again with a fresh SYN. JeroMQ has no connect timeout: without
		 * this, a connect started while the path was down waits for the kernel's SYN
		 * retransmissions, up to a minute or more after the path is back.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration connectTimeout = Duration.ofSeconds(10);

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(Duration maxInterval) {
			this.maxInterval = maxInterval;
		}

	}

	/**
	 * One managed socket. Unset tcp, heartbeat and reconnect values fall back to the
	 * global defaults.
	 */
	public static class Socket {

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

		private final SocketTcp tcp = new SocketTcp();

		private final SocketHeartbeat heartbeat = new SocketHeartbeat();

		private final SocketReconnect reconnect = new SocketReconnect();

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

		public SocketTcp getTcp() {
			return this.tcp;
		}

		public SocketHeartbeat getHeartbeat() {
			return this.heartbeat;
		}

		public SocketReconnect getReconnect() {
			return this.reconnect;
		}

	}

	/**
	 * TCP keepalive overrides of one socket.
	 */
	public static class SocketTcp {

		/**
		 * Whether to switch TCP keepalive on. Unset: zmq.keepalive.tcp.enabled.
		 */
		private @Nullable Boolean enabled;

		/**
		 * Idle time before the first probe. Unset: zmq.keepalive.tcp.idle.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration idle;

		/**
		 * Time between unanswered probes. Unset: zmq.keepalive.tcp.interval.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration interval;

		/**
		 * Unanswered probes before the connection is dead. Unset:
		 * zmq.keepalive.tcp.count.
		 */
		private @Nullable Integer count;

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable Duration getIdle() {
			return this.idle;
		}

		public void setIdle(@Nullable Duration idle) {
			this.idle = idle;
		}

		public @Nullable Duration getInterval() {
			return this.interval;
		}

		public void setInterval(@Nullable Duration interval) {
			this.interval = interval;
		}

		public @Nullable Integer getCount() {
			return this.count;
		}

		public void setCount(@Nullable Integer count) {
			this.count = count;
		}

	}

	/**
	 * Heartbeat overrides of one socket.
	 */
	public static class SocketHeartbeat {

		/**
		 * Time between PINGs, 0 for off. Unset: zmq.keepalive.heartbeat.interval.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration interval;

		/**
		 * Time to wait for traffic after a PING. Unset: zmq.keepalive.heartbeat.timeout.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration timeout;

		/**
		 * Time the peer should wait for traffic. Unset: zmq.keepalive.heartbeat.ttl.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration ttl;

		public @Nullable Duration getInterval() {
			return this.interval;
		}

		public void setInterval(@Nullable Duration interval) {
			this.interval = interval;
		}

		public @Nullable Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(@Nullable Duration timeout) {
			this.timeout = timeout;
		}

		public @Nullable Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(@Nullable Duration ttl) {
			this.ttl = ttl;
		}

	}

	/**
	 * Reconnect overrides of one socket.
	 */
	public static class SocketReconnect {

		/**
		 * First reconnect delay. Unset: zmq.keepalive.reconnect.interval.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration interval;

		/**
		 * Upper bound of the back-off. Unset: zmq.keepalive.reconnect.max-interval.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration maxInterval;

		/**
		 * Connect timeout. Unset: zmq.keepalive.reconnect.connect-timeout.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration connectTimeout;

		public @Nullable Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(@Nullable Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public @Nullable Duration getInterval() {
			return this.interval;
		}

		public void setInterval(@Nullable Duration interval) {
			this.interval = interval;
		}

		public @Nullable Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(@Nullable Duration maxInterval) {
			this.maxInterval = maxInterval;
		}

	}

}
