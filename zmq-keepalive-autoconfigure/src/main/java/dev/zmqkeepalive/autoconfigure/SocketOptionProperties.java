package dev.zmqkeepalive.autoconfigure;

import java.beans.PropertyDescriptor;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.convert.DataSizeUnit;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;
import org.springframework.util.unit.DataUnit;

/**
 * Options every socket has, with one class and one set of names for both places they are
 * written: directly under {@code zmq.keepalive} they are the defaults of every socket
 * (with the values below when unset); under {@code zmq.keepalive.sockets.<name>} they
 * override those defaults for one socket, and every value left unset there falls back to
 * the default. A new option is added here once and exists in both places.
 *
 * @author zmq-keepalive
 */
public class SocketOptionProperties {

	/**
	 * Length of the kernel's queue of TCP connections not yet accepted, for binding
	 * sockets (ZMQ_BACKLOG; JeroMQ's default is 100). When many peers connect at once,
	 * as after a publisher restart, connections past the queue are dropped and their
	 * peers retry only after the kernel's SYN back-off (1s, then 2s, 4s, ...). The kernel
	 * caps it at net.core.somaxconn (4096 by default on Linux 5.4 and later).
	 */
	private @Nullable Integer backlog = 4096;

	/**
	 * Largest message frame a peer may send (ZMQ_MAXMSGSIZE; JeroMQ's default is
	 * unlimited). A frame that claims more ends that peer's connection before anything is
	 * allocated; without a limit, one hostile peer claiming 2 GiB makes JeroMQ allocate
	 * 2 GiB. A peer costs at most about this much plus 16 KB of buffers. Plain bytes
	 * (1048576) or a unit: 64KB, 1MB. When not set: 64KB for pub and push sockets, whose
	 * peers send only subscriptions and ZMTP commands, and 1MB for every other type.
	 */
	@DataSizeUnit(DataUnit.BYTES)
	private @Nullable DataSize maxMessageSize;

	/**
	 * CURVE encryption and authentication (ZMTP's CurveZMQ). A socket with a server-key
	 * is a CURVE client; a socket with a secret-key and no server-key is a CURVE server.
	 */
	@NestedConfigurationProperty
	private final Curve curve = new Curve();

	/**
	 * TCP keepalive. With idle 60s, interval 10s and count 3, an idle connection sends a
	 * probe every minute (well inside the shortest common NAT idle timeouts) and a dead
	 * path is noticed within 90 s.
	 */
	@NestedConfigurationProperty
	private final Tcp tcp = new Tcp();

	/**
	 * ZMTP 3.1 heartbeats. They also notice a peer whose process hangs, which TCP
	 * keepalive cannot (the peer's kernel still answers probes).
	 */
	@NestedConfigurationProperty
	private final Heartbeat heartbeat = new Heartbeat();

	/**
	 * Reconnect back-off of connecting sockets.
	 */
	@NestedConfigurationProperty
	private final Reconnect reconnect = new Reconnect();

	/**
	 * Create options holding the defaults.
	 */
	public SocketOptionProperties() {
	}

	/**
	 * Create options for one socket: every value unset, falling back to the defaults.
	 * @param unset {@code true} to leave every value unset
	 */
	protected SocketOptionProperties(boolean unset) {
		if (unset) {
			unset(new BeanWrapperImpl(this), SocketOptionProperties.class);
		}
	}

	/**
	 * Set every option of a type to {@code null}, including those of its groups (a
	 * read-only property such as {@code tcp}). Options are wrapper types for this.
	 */
	private static void unset(BeanWrapper wrapper, Class<?> type) {
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
			if (descriptor.getWriteMethod() != null) {
				wrapper.setPropertyValue(descriptor.getName(), null);
			}
			else if (ZmqPropertyKeys.isGroup(descriptor)) {
				Object group = wrapper.getPropertyValue(descriptor.getName());
				if (group != null) {
					unset(new BeanWrapperImpl(group), descriptor.getPropertyType());
				}
			}
		}
	}

	public @Nullable Integer getBacklog() {
		return this.backlog;
	}

	public void setBacklog(@Nullable Integer backlog) {
		this.backlog = backlog;
	}

	public @Nullable DataSize getMaxMessageSize() {
		return this.maxMessageSize;
	}

	public void setMaxMessageSize(@Nullable DataSize maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
	}

	public Curve getCurve() {
		return this.curve;
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

	/**
	 * TCP keepalive options.
	 */
	public static class Tcp {

		/**
		 * Whether to switch TCP keepalive on for every connection (ZMQ_TCP_KEEPALIVE).
		 */
		private @Nullable Boolean enabled = true;

		/**
		 * Idle time before the first keepalive probe (ZMQ_TCP_KEEPALIVE_IDLE). Keep it
		 * below the idle timeout of every NAT and firewall on the path. Whole seconds,
		 * 1s to 32767s.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration idle = Duration.ofSeconds(60);

		/**
		 * Time between unanswered keepalive probes (ZMQ_TCP_KEEPALIVE_INTVL). Whole
		 * seconds, 1s to 32767s.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration interval = Duration.ofSeconds(10);

		/**
		 * Unanswered probes after which the connection is declared dead
		 * (ZMQ_TCP_KEEPALIVE_CNT), 1 to 127.
		 */
		private @Nullable Integer count = 3;

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
	 * ZMTP 3.1 heartbeat options.
	 */
	public static class Heartbeat {

		/**
		 * Time between heartbeat PINGs (ZMQ_HEARTBEAT_IVL); 0 turns heartbeats off.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration interval = Duration.ofSeconds(15);

		/**
		 * Time to wait for any traffic after a PING before dropping the connection
		 * (ZMQ_HEARTBEAT_TIMEOUT). At least the interval.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration timeout = Duration.ofSeconds(45);

		/**
		 * Time the peer should wait for traffic before dropping the connection
		 * (ZMQ_HEARTBEAT_TTL), at most 655s.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration ttl = Duration.ofSeconds(45);

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
	 * Reconnect options of connecting sockets.
	 */
	public static class Reconnect {

		/**
		 * First delay before reconnecting a lost connection (ZMQ_RECONNECT_IVL). Must be
		 * positive.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration interval = Duration.ofMillis(100);

		/**
		 * Upper bound of the exponential reconnect back-off (ZMQ_RECONNECT_IVL_MAX). At
		 * least the interval.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration maxInterval = Duration.ofSeconds(30);

		/**
		 * How long a TCP connect may stay unanswered before a receiving socket (sub, pull,
		 * xsub) starts it again with a fresh SYN. JeroMQ has no connect timeout: without
		 * this, a connect started while the path was down waits for the kernel's SYN
		 * retransmissions, up to a minute or more after the path is back.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration connectTimeout = Duration.ofSeconds(10);

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

		public @Nullable Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(@Nullable Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

	}


	/**
	 * CURVE keys. Every key is either the 40-character Z85 text of a 32-byte key or a
	 * resource holding it (file:/path or classpath:path), so secrets need not be written in
	 * the configuration. Keys never appear in health, the actuator endpoint, logs, events
	 * or error messages: public keys are shown by their fingerprint (first 8 characters).
	 */
	public static class Curve {

		/**
		 * Public key of the server this socket connects to; setting it makes the socket a
		 * CURVE client.
		 */
		private @Nullable String serverKey;

		/**
		 * This socket's public key. A CURVE server needs it; a client without one gets a
		 * key pair generated at startup (fine unless the server has an allow-list).
		 */
		private @Nullable String publicKey;

		/**
		 * This socket's secret key, matching public-key. Prefer a file: or classpath:
		 * resource to Z85 text.
		 */
		private @Nullable String secretKey;

		/**
		 * Public keys of the clients a CURVE server accepts (each Z85 text or a resource
		 * with one key per line, # for comments). Empty: any client that knows the
		 * server's public key may connect; traffic is encrypted but clients are not
		 * authenticated.
		 */
		private @Nullable List<String> allowedClients;

		public @Nullable String getServerKey() {
			return this.serverKey;
		}

		public void setServerKey(@Nullable String serverKey) {
			this.serverKey = serverKey;
		}

		public @Nullable String getPublicKey() {
			return this.publicKey;
		}

		public void setPublicKey(@Nullable String publicKey) {
			this.publicKey = publicKey;
		}

		public @Nullable String getSecretKey() {
			return this.secretKey;
		}

		public void setSecretKey(@Nullable String secretKey) {
			this.secretKey = secretKey;
		}

		public @Nullable List<String> getAllowedClients() {
			return this.allowedClients;
		}

		public void setAllowedClients(@Nullable List<String> allowedClients) {
			this.allowedClients = allowedClients;
		}

		@Override
		public String toString() {
			// Never the keys themselves: the secret one must not reach a log.
			return "Curve[" + ((this.serverKey != null) ? "client" : (this.secretKey != null) ? "server" : "off") + "]";
		}

	}

}
