package dev.zmqkeepalive.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;

import dev.zmqkeepalive.socket.Durations;
import dev.zmqkeepalive.socket.Heartbeat;
import dev.zmqkeepalive.socket.Reconnect;
import dev.zmqkeepalive.socket.SocketSettings;
import dev.zmqkeepalive.socket.TcpKeepalive;
import dev.zmqkeepalive.socket.ZmqSocketType;

/**
 * Turns {@link ZmqKeepaliveProperties} into validated {@link SocketSettings}, applying
 * per-socket overrides to the global defaults. Every value JeroMQ or the kernel would
 * reject, or silently misuse, is refused here with the property's name and what is
 * allowed, so a bad configuration fails startup before any socket exists.
 *
 * @author zmq-keepalive
 */
final class SocketSettingsFactory {

	private static final String PREFIX = "zmq.keepalive";

	/** Default frame limit of sockets that receive messages. */
	static final DataSize RECEIVING_MAX_MESSAGE_SIZE = DataSize.ofMegabytes(1);

	/** Default frame limit of pub and push sockets: a subscription is a topic prefix. */
	static final DataSize SEND_ONLY_MAX_MESSAGE_SIZE = DataSize.ofKilobytes(64);

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

	private static final Pattern TCP_ENDPOINT = Pattern.compile("tcp://(\\*|\\[[0-9A-Fa-f:.]+\\]|[^:/\\s]+):(\\*|\\d{1,5})");

	private static final String ENDPOINT_FORMS = "tcp://host:port (host may be * to bind all interfaces, port may be * "
			+ "to bind a free one), ipc://name or inproc://name";

	private SocketSettingsFactory() {
	}

	static List<SocketSettings> create(ZmqKeepaliveProperties properties) {
		positive(PREFIX + ".io-threads", properties.getIoThreads());
		positive(PREFIX + ".event-queue-capacity", properties.getEventQueueCapacity());
		positive(PREFIX + ".handshake-timeout", properties.getHandshakeTimeout());
		millisecondInt(PREFIX + ".handshake-timeout", properties.getHandshakeTimeout());
		List<SocketSettings> settings = new ArrayList<>();
		for (Map.Entry<String, ZmqKeepaliveProperties.Socket> entry : properties.getSockets().entrySet()) {
			settings.add(create(properties, entry.getKey(), entry.getValue()));
		}
		sharedBindEndpoints(settings);
		return settings;
	}

	/**
	 * Refuse two binds of one address: the second would fail with "address already in
	 * use", which reads as if another process held it.
	 */
	private static void sharedBindEndpoints(List<SocketSettings> settings) {
		Map<String, String> earlier = new LinkedHashMap<>();
		for (SocketSettings socket : settings) {
			for (int i = 0; i < socket.bind().size(); i++) {
				String endpoint = socket.bind().get(i).trim();
				String property = PREFIX + ".sockets." + socket.name() + ".bind[" + i + "]";
				for (Map.Entry<String, String> other : earlier.entrySet()) {
					if (sameAddress(endpoint, other.getValue())) {
						String otherSocket = other.getKey().substring((PREFIX + ".sockets.").length(),
								other.getKey().lastIndexOf(".bind["));
						throw new InvalidZmqPropertyException(property, endpoint,
								((otherSocket.equals(socket.name())) ? "socket '" + socket.name() + "' binds it twice"
										: "socket '" + socket.name() + "' and socket '" + otherSocket
												+ "' both bind it")
										+ " (" + other.getKey() + "=" + other.getValue()
										+ "), and an address can be bound once",
								"an address no other socket binds, for example another port, or port * for a free one");
					}
				}
				earlier.put(property, endpoint);
			}
		}
	}

	private static boolean sameAddress(String endpoint, String other) {
		var tcp = TCP_ENDPOINT.matcher(endpoint);
		var otherTcp = TCP_ENDPOINT.matcher(other);
		if (tcp.matches() && otherTcp.matches()) {
			String port = tcp.group(2);
			if (port.equals("*") || Integer.parseInt(port) == 0 || !port.equals(otherTcp.group(2))) {
				return false;
			}
			String host = host(tcp.group(1));
			String otherHost = host(otherTcp.group(1));
			return host.equals(otherHost) || host.equals("*") || otherHost.equals("*");
		}
		// inproc names are per context; JeroMQ's ipc:// binds a free loopback TCP port.
		return endpoint.startsWith("inproc://") && endpoint.equals(other);
	}

	/** A bind host in one spelling: * for every wildcard address. */
	private static String host(String host) {
		String bare = host.toLowerCase(java.util.Locale.ROOT).replace("[", "").replace("]", "");
		return switch (bare) {
			case "*", "0.0.0.0", "::", "::0" -> "*";
			default -> bare;
		};
	}

	private static SocketSettings create(ZmqKeepaliveProperties global, String name,
			ZmqKeepaliveProperties.Socket socket) {
		String prefix = PREFIX + ".sockets." + name;
		if (!NAME.matcher(name).matches()) {
			throw new InvalidZmqPropertyException(PREFIX + ".sockets", name,
					"socket names appear in health URLs, metric tags and thread names",
					"letters, digits, '-', '_' and '.'");
		}
		ZmqSocketType type = socket.getType();
		if (type == null) {
			throw new InvalidZmqPropertyException(prefix + ".type", null, "every socket needs a type", types());
		}
		List<String> bind = socket.getBind();
		List<String> connect = socket.getConnect();
		if (bind.isEmpty() == connect.isEmpty()) {
			throw new InvalidZmqPropertyException(prefix + (bind.isEmpty() ? ".bind" : ".connect"),
					bind.isEmpty() ? "" : String.join(",", connect),
					bind.isEmpty() ? "socket has neither bind nor connect endpoints"
							: "socket has both bind and connect endpoints",
					"exactly one of " + prefix + ".bind or " + prefix + ".connect, with " + ENDPOINT_FORMS);
		}
		endpoints(prefix + ".bind", bind, true);
		endpoints(prefix + ".connect", connect, false);
		if (!socket.getTopics().isEmpty() && type != ZmqSocketType.SUB) {
			throw new InvalidZmqPropertyException(prefix + ".topics", String.join(",", socket.getTopics()),
					"only sub sockets subscribe to topics, this one is " + type.id(),
					"topics on a socket of type sub, or no topics");
		}
		Duration silenceTimeout = socket.getSilenceTimeout();
		if (silenceTimeout != null) {
			positive(prefix + ".silence-timeout", silenceTimeout);
			if (!type.canReceive()) {
				throw new InvalidZmqPropertyException(prefix + ".silence-timeout", silenceTimeout,
						"a " + type.id() + " socket receives nothing, so it is always silent",
						"a silence timeout on sub, xpub, xsub or pull sockets");
			}
		}
		notNegative(prefix + ".linger", socket.getLinger());
		hwm(prefix + ".send-hwm", socket.getSendHwm());
		hwm(prefix + ".receive-hwm", socket.getReceiveHwm());
		positive(prefix + ".send-queue-capacity", socket.getSendQueueCapacity());
		notNegative(prefix + ".send-timeout", socket.getSendTimeout());
		// Every socket sends PINGs, binding ones too: a publisher must drop a dead or hung
		// subscriber it is sending to, which keepalive cannot see (unacknowledged data keeps
		// the connection in retransmission, and Linux sends no keepalive probe then) and the
		// TTL in the subscriber's PINGs covers only subscribers that send PINGs.
		Heartbeat heartbeat = heartbeat(global.getHeartbeat(), socket.getHeartbeat(), prefix);
		int backlog = pick(socket.getBacklog(), global.getBacklog(), prefix, ".backlog");
		if (backlog < 1) {
			throw new InvalidZmqPropertyException(property(socket.getBacklog(), prefix, ".backlog"), backlog,
					"the accept backlog must hold at least one connection",
					"1 or more (the kernel caps it at net.core.somaxconn)");
		}
		return new SocketSettings(name, type, bind, connect, socket.getTopics(), tcp(global.getTcp(), socket.getTcp(), prefix),
				heartbeat,
				reconnect(global.getReconnect(), socket.getReconnect(), prefix), silenceTimeout, socket.getLinger(),
				socket.getSendHwm(), socket.getReceiveHwm(), socket.getSendQueueCapacity(), socket.getSendTimeout(),
				global.getHandshakeTimeout(), backlog, maxMessageSize(global, socket, type, prefix),
				CurveSettingsFactory.create(global.getCurve(), socket.getCurve(), prefix));
	}

	/**
	 * The frame limit: as set for the socket or for all sockets, else by type. A pub or
	 * push socket receives no messages, only subscriptions and ZMTP commands, so a small
	 * limit costs nothing and bounds what each of many (possibly hostile) peers can make it
	 * hold; receiving sockets get room for real messages.
	 */
	static long maxMessageSize(SocketOptionProperties global, SocketOptionProperties socket, ZmqSocketType type,
			String prefix) {
		DataSize size = socket.getMaxMessageSize();
		if (size == null) {
			size = global.getMaxMessageSize();
		}
		if (size == null) {
			return type.canReceive() ? RECEIVING_MAX_MESSAGE_SIZE.toBytes() : SEND_ONLY_MAX_MESSAGE_SIZE.toBytes();
		}
		if (size.toBytes() < 1) {
			throw new InvalidZmqPropertyException(property(socket.getMaxMessageSize(), prefix, ".max-message-size"),
					size, "every frame would be refused, and -1 (JeroMQ's unlimited) lets one peer claim 2 GB",
					"a size of at least 1 byte, for example 64KB or 1MB");
		}
		return size.toBytes();
	}

	private static TcpKeepalive tcp(SocketOptionProperties.Tcp global, SocketOptionProperties.Tcp socket,
			String prefix) {
		boolean enabled = pick(socket.getEnabled(), global.getEnabled(), prefix, ".tcp.enabled");
		Duration idle = keepaliveSeconds(pick(socket.getIdle(), global.getIdle(), prefix, ".tcp.idle"),
				property(socket.getIdle(), prefix, ".tcp.idle"));
		Duration interval = keepaliveSeconds(pick(socket.getInterval(), global.getInterval(), prefix, ".tcp.interval"),
				property(socket.getInterval(), prefix, ".tcp.interval"));
		int count = pick(socket.getCount(), global.getCount(), prefix, ".tcp.count");
		if (count < 1 || count > TcpKeepalive.MAX_COUNT) {
			throw new InvalidZmqPropertyException(property(socket.getCount(), prefix, ".tcp.count"),
					count, "outside the kernel's range for TCP_KEEPCNT", "1 to " + TcpKeepalive.MAX_COUNT);
		}
		return new TcpKeepalive(enabled, idle, interval, count);
	}

	private static Duration keepaliveSeconds(Duration value, String property) {
		if (value.isNegative() || value.isZero() || value.getNano() != 0
				|| value.getSeconds() > TcpKeepalive.MAX_SECONDS) {
			throw new InvalidZmqPropertyException(property, value,
					"the kernel takes TCP keepalive times in whole seconds from 1 to " + TcpKeepalive.MAX_SECONDS,
					"whole seconds from 1s to " + TcpKeepalive.MAX_SECONDS + "s (e.g. 60s or 2m)");
		}
		return value;
	}

	private static Heartbeat heartbeat(SocketOptionProperties.Heartbeat global, SocketOptionProperties.Heartbeat socket,
			String prefix) {
		String intervalProperty = property(socket.getInterval(), prefix, ".heartbeat.interval");
		String timeoutProperty = property(socket.getTimeout(), prefix, ".heartbeat.timeout");
		String ttlProperty = property(socket.getTtl(), prefix, ".heartbeat.ttl");
		Duration interval = pick(socket.getInterval(), global.getInterval(), prefix, ".heartbeat.interval");
		Duration timeout = pick(socket.getTimeout(), global.getTimeout(), prefix, ".heartbeat.timeout");
		Duration ttl = pick(socket.getTtl(), global.getTtl(), prefix, ".heartbeat.ttl");
		notNegative(intervalProperty, interval);
		millisecondInt(intervalProperty, interval);
		if (interval.isZero()) {
			return new Heartbeat(interval, timeout, ttl);
		}
		if (timeout.compareTo(interval) < 0) {
			throw new InvalidZmqPropertyException(timeoutProperty, timeout,
					"heartbeat timeout is below the heartbeat interval (" + Durations.format(interval)
							+ "), so every connection would be dropped between two PINGs",
					"a duration of at least " + intervalProperty + " (" + Durations.format(interval) + ")");
		}
		millisecondInt(timeoutProperty, timeout);
		notNegative(ttlProperty, ttl);
		if (ttl.compareTo(Heartbeat.MAX_TTL) > 0) {
			throw new InvalidZmqPropertyException(ttlProperty, ttl,
					"ZMTP carries the TTL in tenths of a second in 16 bits", "0s to 655s");
		}
		return new Heartbeat(interval, timeout, ttl);
	}

	private static Reconnect reconnect(SocketOptionProperties.Reconnect global, SocketOptionProperties.Reconnect socket,
			String prefix) {
		String intervalProperty = property(socket.getInterval(), prefix, ".reconnect.interval");
		String maxProperty = property(socket.getMaxInterval(), prefix, ".reconnect.max-interval");
		Duration interval = pick(socket.getInterval(), global.getInterval(), prefix, ".reconnect.interval");
		Duration max = pick(socket.getMaxInterval(), global.getMaxInterval(), prefix, ".reconnect.max-interval");
		if (interval.toMillis() < 1) {
			throw new InvalidZmqPropertyException(intervalProperty, interval,
					"JeroMQ divides by the reconnect interval (0 crashes its I/O thread and the socket never "
							+ "reconnects)",
					"a positive duration of at least 1ms");
		}
		millisecondInt(intervalProperty, interval);
		if (max.compareTo(interval) < 0) {
			throw new InvalidZmqPropertyException(maxProperty, max,
					"the back-off ceiling is below the first reconnect delay (" + Durations.format(interval) + ")",
					"a duration of at least " + intervalProperty + " (" + Durations.format(interval) + ")");
		}
		millisecondInt(maxProperty, max);
		String connectTimeoutProperty = property(socket.getConnectTimeout(), prefix, ".reconnect.connect-timeout");
		Duration connectTimeout = pick(socket.getConnectTimeout(), global.getConnectTimeout(), prefix,
				".reconnect.connect-timeout");
		positive(connectTimeoutProperty, connectTimeout);
		return new Reconnect(interval, max, connectTimeout);
	}

	private static void endpoints(String property, List<String> endpoints, boolean bind) {
		for (int i = 0; i < endpoints.size(); i++) {
			String endpoint = (endpoints.get(i) != null) ? endpoints.get(i).trim() : "";
			String indexed = property + "[" + i + "]";
			if (endpoint.startsWith("tcp://")) {
				var matcher = TCP_ENDPOINT.matcher(endpoint);
				if (!matcher.matches()) {
					throw new InvalidZmqPropertyException(indexed, endpoint, "not a tcp endpoint of the form tcp://host:port",
							ENDPOINT_FORMS);
				}
				String port = matcher.group(2);
				if (!bind && (port.equals("*") || matcher.group(1).equals("*"))) {
					throw new InvalidZmqPropertyException(indexed, endpoint, "a connect endpoint needs a host and a port",
							"tcp://host:port with a concrete host and port 1 to 65535");
				}
				if (!port.equals("*") && (Integer.parseInt(port) > 65535 || (!bind && Integer.parseInt(port) == 0))) {
					throw new InvalidZmqPropertyException(indexed, endpoint, "port out of range",
							bind ? "0 to 65535, or *" : "1 to 65535");
				}
			}
			else if (!((endpoint.startsWith("ipc://") || endpoint.startsWith("inproc://"))
					&& endpoint.length() > endpoint.indexOf("://") + 3)) {
				throw new InvalidZmqPropertyException(indexed, endpoint, "unsupported or malformed endpoint",
						ENDPOINT_FORMS);
			}
		}
	}

	private static void hwm(String property, @Nullable Integer value) {
		if (value != null && value < 0) {
			throw new InvalidZmqPropertyException(property, value, "a high-water mark cannot be negative",
					"0 (unlimited) or a positive number of messages");
		}
	}

	private static void positive(String property, int value) {
		if (value < 1) {
			throw new InvalidZmqPropertyException(property, value, "must be positive", "1 or more");
		}
	}

	private static void positive(String property, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new InvalidZmqPropertyException(property, value, "must be positive", "a positive duration");
		}
	}

	private static void notNegative(String property, Duration value) {
		if (value.isNegative()) {
			throw new InvalidZmqPropertyException(property, value, "cannot be negative", "0s or a positive duration");
		}
	}

	private static void millisecondInt(String property, Duration value) {
		if (value.toMillis() > Integer.MAX_VALUE) {
			throw new InvalidZmqPropertyException(property, value, "JeroMQ takes this option in int milliseconds",
					"at most " + Integer.MAX_VALUE + "ms (about 24 days)");
		}
	}

	/**
	 * The socket's value if it sets one, else the default under {@code zmq.keepalive}.
	 */
	private static <T> T pick(@Nullable T override, @Nullable T global, String socketPrefix, String suffix) {
		if (override != null) {
			return override;
		}
		if (global == null) {
			// Only when the default itself was written empty (zmq.keepalive.tcp.idle=).
			throw new InvalidZmqPropertyException(PREFIX + suffix, null, "the default of every socket has no value",
					"a value in " + PREFIX + suffix + " or in " + socketPrefix + suffix + ", or no entry at all");
		}
		return global;
	}

	/**
	 * The property a value came from: the socket's own when it overrides, else the global
	 * default's.
	 */
	private static String property(@Nullable Object override, String socketPrefix, String suffix) {
		return ((override != null) ? socketPrefix : PREFIX) + suffix;
	}

	private static String types() {
		return Arrays.stream(ZmqSocketType.values()).map(ZmqSocketType::id).collect(Collectors.joining(", "));
	}

}
