package dev.zmqkeepalive.socket;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import zmq.ZError;

/**
 * The context's ZAP handler (ZeroMQ RFC 27): JeroMQ asks it whether a CURVE client may
 * connect to a server socket with {@code curve.allowed-clients}, and it answers from the
 * allow-list of the socket the request's domain names. It runs on its own thread,
 * {@code zmq-keepalive-zap}, and answers every request at once, without I/O.
 * <p>
 * It must be bound before any CURVE server socket: JeroMQ lets every client in when no
 * handler is bound. It is started only when a socket has an allow-list; NULL
 * connections of other sockets (which carry a ZAP domain so that JeroMQ refuses pre-ZMTP
 * 3 peers) are then answered 200 here.
 *
 * @author zmq-keepalive
 */
public final class ZapHandler implements AutoCloseable {

	/** The address JeroMQ sends ZAP requests to. */
	static final String ENDPOINT = "inproc://zeromq.zap.01";

	private static final Log logger = LogFactory.getLog(ZapHandler.class);

	private static final String DOMAIN_PREFIX = "zmq-keepalive:";

	private static final Duration POLL = Duration.ofMillis(200);

	private final ZMQ.Socket socket;

	private final Map<String, Set<CurveKey>> allowLists;

	private final Thread thread;

	private volatile boolean running = true;

	private ZapHandler(ZMQ.Socket socket, Map<String, Set<CurveKey>> allowLists) {
		this.socket = socket;
		this.allowLists = allowLists;
		this.thread = new Thread(this::run, "zmq-keepalive-zap");
		this.thread.setDaemon(true);
	}

	/** The ZAP domain of a managed socket. */
	static String domain(String socketName) {
		return DOMAIN_PREFIX + socketName;
	}

	/**
	 * Bind and start a handler if any socket checks CURVE clients against an allow-list.
	 * @param context the context the sockets are created in
	 * @param settings every socket
	 * @return the running handler, or {@code null} if none is needed
	 */
	public static @Nullable ZapHandler startIfNeeded(ZContext context, Collection<SocketSettings> settings) {
		Map<String, Set<CurveKey>> allowLists = new HashMap<>();
		for (SocketSettings socket : settings) {
			CurveSettings curve = socket.curve();
			if (curve != null && curve.authenticatesClients()) {
				allowLists.put(domain(socket.name()), curve.allowedClients());
			}
		}
		if (allowLists.isEmpty()) {
			return null;
		}
		ZMQ.Socket socket = context.createSocket(SocketType.REP);
		try {
			socket.setLinger(0);
			socket.setReceiveTimeOut((int) POLL.toMillis());
			socket.bind(ENDPOINT);
		}
		catch (RuntimeException ex) {
			socket.close();
			throw new IllegalStateException("Could not bind the ZAP handler at " + ENDPOINT + " (is another ZAP "
					+ "handler, such as ZAuth, running in the same ZContext?)", ex);
		}
		ZapHandler handler = new ZapHandler(socket, Map.copyOf(allowLists));
		handler.thread.start();
		return handler;
	}

	private void run() {
		try {
			while (this.running) {
				ZMQ.Socket zap = this.socket;
				byte[] version = zap.recv();
				if (version == null) {
					continue; // receive timeout: look at the running flag again
				}
				java.util.List<byte[]> frames = new java.util.ArrayList<>();
				frames.add(version);
				while (zap.hasReceiveMore()) {
					frames.add(zap.recv());
				}
				reply(frames);
			}
		}
		catch (ZMQException ex) {
			if (ex.getErrorCode() != ZError.ETERM) {
				logger.error("ZAP handler stopped: CURVE clients can no longer be admitted", ex);
			}
		}
		catch (RuntimeException ex) {
			logger.error("ZAP handler stopped: CURVE clients can no longer be admitted", ex);
		}
		finally {
			this.socket.close();
		}
	}

	/** Frames: version, request id, domain, address, identity, mechanism, credentials. */
	private void reply(java.util.List<byte[]> request) {
		String requestId = (request.size() > 1) ? new String(request.get(1), ZMQ.CHARSET) : "";
		Decision decision = decide(request);
		this.socket.sendMore("1.0");
		this.socket.sendMore(requestId);
		this.socket.sendMore(decision.status());
		this.socket.sendMore(decision.text());
		this.socket.sendMore(decision.userId());
		this.socket.send("");
	}

	private Decision decide(java.util.List<byte[]> request) {
		if (request.size() < 6 || !"1.0".equals(new String(request.get(0), ZMQ.CHARSET))) {
			return Decision.refuse("malformed request");
		}
		String domain = new String(request.get(2), ZMQ.CHARSET);
		String mechanism = new String(request.get(5), ZMQ.CHARSET);
		Set<CurveKey> allowed = this.allowLists.get(domain);
		return switch (mechanism) {
			// NULL sockets carry a domain only so that JeroMQ refuses pre-ZMTP 3 peers.
			case "NULL" -> (allowed == null) ? Decision.allow("") : Decision.refuse("CURVE required");
			case "CURVE" -> {
				if (request.size() < 7 || request.get(6).length != 32) {
					yield Decision.refuse("malformed CURVE credentials");
				}
				CurveKey client = CurveKey.publicKey(ZMQ.Curve.z85Encode(request.get(6)));
				if (allowed == null || allowed.contains(client)) {
					yield Decision.allow(client.fingerprint());
				}
				yield Decision.refuse("client " + client.fingerprint() + " not allowed");
			}
			default -> Decision.refuse(mechanism + " not supported");
		};
	}

	/** Stop answering and close the handler's socket; call after the sockets it serves closed. */
	@Override
	public void close() {
		this.running = false;
		try {
			this.thread.join(POLL.toMillis() * 5);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private record Decision(String status, String text, String userId) {

		static Decision allow(String userId) {
			return new Decision("200", "OK", userId);
		}

		static Decision refuse(String text) {
			return new Decision("400", text, "");
		}

	}

}
