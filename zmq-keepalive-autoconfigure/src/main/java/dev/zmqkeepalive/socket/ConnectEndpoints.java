package dev.zmqkeepalive.socket;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadFactory;

import org.jspecify.annotations.Nullable;

/**
 * Which configured connect endpoint JeroMQ means when it reports a connect. JeroMQ
 * reports a connect by the address it resolved the host to ({@code tcp://10.1.2.3:5556}),
 * while {@code connect} and {@code disconnect} want the endpoint as configured
 * ({@code tcp://pub-a.example:5556}). An exact match, a single connect endpoint, or a
 * single one on the reported port needs no lookup. Otherwise the hosts are looked up on
 * a thread of their own, never on the owning thread or a JeroMQ I/O thread (a lookup can
 * take seconds), and a host matches through any of its addresses: JeroMQ connects to the
 * first, and their order, like the addresses themselves, may change between lookups.
 *
 * @author zmq-keepalive
 */
final class ConnectEndpoints {

	private static final String TCP = "tcp://";

	private final String socketName;

	private final List<String> configured;

	private final ThreadFactory threads;

	/**
	 * Create one for a socket.
	 * @param settings the socket's settings
	 * @param threads makes the lookup threads
	 */
	ConnectEndpoints(SocketSettings settings, ThreadFactory threads) {
		this.socketName = settings.name();
		this.configured = settings.connect();
		this.threads = threads;
	}

	/**
	 * The configured endpoint JeroMQ means, when that is clear without a lookup.
	 * @param reported the endpoint JeroMQ reports
	 * @return the configured endpoint, or {@code null} if only a lookup can tell
	 */
	@Nullable String withoutLookup(String reported) {
		if (this.configured.contains(reported)) {
			return reported;
		}
		if (this.configured.size() == 1) {
			return this.configured.get(0);
		}
		List<String> candidates = onPortOf(reported);
		return (candidates.size() == 1) ? candidates.get(0) : null;
	}

	/**
	 * The configured endpoints whose host resolves to the reported address now. Blocks
	 * for the lookups: only on a thread of {@link #onLookupThread}.
	 * @param reported the endpoint JeroMQ reports
	 * @return the matching endpoints (more than one only if several host names resolve to
	 * one address), or none if no host resolves to it any more
	 */
	List<String> byLookup(String reported) {
		List<String> matching = new ArrayList<>();
		for (String candidate : onPortOf(reported)) {
			if (resolvesToAnyOf(candidate, List.of(reported))) {
				matching.add(candidate);
			}
		}
		return matching;
	}

	/**
	 * The configured endpoints on the reported port whose host resolves to none of the
	 * given endpoints now (or does not resolve). Blocks for the lookups: only on a thread
	 * of {@link #onLookupThread}.
	 * @param reported the endpoint JeroMQ reports
	 * @param inUse endpoints, as JeroMQ reports them, of the connections open or being made
	 * @return the endpoints that none of them belongs to
	 */
	List<String> notIn(String reported, Collection<String> inUse) {
		List<String> unused = new ArrayList<>();
		for (String candidate : onPortOf(reported)) {
			if (!resolvesToAnyOf(candidate, inUse)) {
				unused.add(candidate);
			}
		}
		return unused;
	}

	/**
	 * Run lookups on a thread of their own ({@code zmq-<name>-lookup}, a daemon: it must
	 * not keep the application running).
	 * @param lookups what to do there; hand results to the owning thread from it
	 */
	void onLookupThread(Runnable lookups) {
		Thread lookup = this.threads.newThread(lookups);
		lookup.setName("zmq-" + this.socketName + "-lookup");
		lookup.setDaemon(true);
		lookup.start();
	}

	/** Configured {@code tcp://} endpoints with the reported endpoint's port. */
	private List<String> onPortOf(String reported) {
		String port = port(reported);
		List<String> candidates = new ArrayList<>();
		for (String endpoint : this.configured) {
			if (endpoint.startsWith(TCP) && port(endpoint).equals(port)) {
				candidates.add(endpoint);
			}
		}
		return candidates;
	}

	private static boolean resolvesToAnyOf(String endpoint, Collection<String> reported) {
		String port = ":" + port(endpoint);
		try {
			for (InetAddress address : InetAddress.getAllByName(UnresolvedConnects.host(endpoint))) {
				String host = address.getHostAddress();
				// JeroMQ writes IPv6 addresses in brackets.
				String resolved = TCP + ((host.indexOf(':') >= 0) ? "[" + host + "]" : host) + port;
				if (reported.contains(resolved)) {
					return true;
				}
			}
		}
		catch (UnknownHostException ex) {
			// Not (or no longer) this one.
		}
		return false;
	}

	private static String port(String endpoint) {
		return endpoint.substring(endpoint.lastIndexOf(':') + 1);
	}

}
