package dev.zmqkeepalive.natlab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Three network namespaces joined by veth pairs: a publisher host, a NAT router that
 * masquerades the subscriber and forgets idle connections, and a subscriber host.
 *
 * <pre>
 *  [pub 10.201.1.2] ==veth== [10.201.1.1  nat  10.201.2.1] ==veth== [sub 10.201.2.2]
 *                                 MASQUERADE 10.201.2.0/24
 * </pre>
 *
 * None of the namespaces has a route beyond these two /24s, so lab traffic cannot leave
 * the machine. Names carry the creating JVM's pid and a random suffix, so parallel runs do
 * not clash and {@link #sweepStale()} can tell abandoned namespaces from live ones.
 */
public final class NatTopology implements AutoCloseable {

	/** Prefix of every namespace the lab creates. */
	public static final String PREFIX = "zkl-";

	private static final Pattern NAME = Pattern.compile("zkl-(\\d+)-[0-9a-f]+-(pub|nat|sub)");

	private static final String BLACKHOLE_COMMENT = "natlab-blackhole";

	public static final String PUBLISHER_ADDRESS = "10.201.1.2";

	/** The router's address on the publisher's side: what the publisher sees as its peer. */
	public static final String ROUTER_OUTSIDE_ADDRESS = "10.201.1.1";

	public static final String ROUTER_INSIDE_ADDRESS = "10.201.2.1";

	public static final String SUBSCRIBER_ADDRESS = "10.201.2.2";

	private final String suffix;

	private final String namePrefix;

	private boolean blackholed;

	private boolean closed;

	private NatTopology(String suffix) {
		this.suffix = suffix;
		this.namePrefix = PREFIX + ProcessHandle.current().pid() + "-" + suffix + "-";
	}

	/**
	 * Create the namespaces, links, routes and NAT.
	 * @param establishedTimeout how long the router remembers an idle established TCP connection
	 * @return the running topology; close it to remove everything
	 */
	public static NatTopology create(Duration establishedTimeout) {
		byte[] random = new byte[2];
		new SecureRandom().nextBytes(random);
		NatTopology topology = new NatTopology(HexFormat.of().formatHex(random));
		LabCleanup.register(topology);
		try {
			topology.build(establishedTimeout);
		}
		catch (RuntimeException ex) {
			topology.close();
			throw ex;
		}
		return topology;
	}

	private void build(Duration establishedTimeout) {
		for (Host host : Host.values()) {
			Commands.run("ip", "netns", "add", namespace(host));
			Commands.run("ip", "-n", namespace(host), "link", "set", "lo", "up");
		}
		link(Host.PUBLISHER, PUBLISHER_ADDRESS, ROUTER_OUTSIDE_ADDRESS);
		link(Host.SUBSCRIBER, SUBSCRIBER_ADDRESS, ROUTER_INSIDE_ADDRESS);
		Commands.run("ip", "-n", namespace(Host.SUBSCRIBER), "route", "add", "default", "via", ROUTER_INSIDE_ADDRESS);
		String router = namespace(Host.ROUTER);
		Commands.runIn(router, "sysctl", "-qw", "net.ipv4.ip_forward=1");
		Commands.runIn(router, "iptables", "-t", "nat", "-A", "POSTROUTING", "-s", "10.201.2.0/24", "-o",
				routerInterface(Host.PUBLISHER), "-j", "MASQUERADE");
		// The NAT rule loads connection tracking into the namespace; only then does the sysctl exist.
		setEstablishedTimeout(establishedTimeout);
	}

	private void link(Host host, String hostAddress, String routerAddress) {
		String hostSide = hostInterface(host);
		String routerSide = routerInterface(host);
		Commands.run("ip", "link", "add", hostSide, "netns", namespace(host), "type", "veth", "peer", "name",
				routerSide, "netns", namespace(Host.ROUTER));
		Commands.run("ip", "-n", namespace(host), "addr", "add", hostAddress + "/24", "dev", hostSide);
		Commands.run("ip", "-n", namespace(host), "link", "set", hostSide, "up");
		Commands.run("ip", "-n", namespace(Host.ROUTER), "addr", "add", routerAddress + "/24", "dev", routerSide);
		Commands.run("ip", "-n", namespace(Host.ROUTER), "link", "set", routerSide, "up");
	}

	/** Interface names are limited to 15 characters: "zk" + 4 hex + host + "h"/"r". */
	private String hostInterface(Host host) {
		return "zk" + this.suffix + host.shortName() + "h";
	}

	private String routerInterface(Host host) {
		return "zk" + this.suffix + host.shortName() + "r";
	}

	public String namespace(Host host) {
		return this.namePrefix + host.shortName();
	}

	/** Set how long the router keeps an idle established TCP connection in its table. */
	public void setEstablishedTimeout(Duration timeout) {
		Commands.runIn(namespace(Host.ROUTER), "sysctl", "-qw",
				"net.netfilter.nf_conntrack_tcp_timeout_established=" + timeout.toSeconds());
	}

	public Duration establishedTimeout() {
		return Duration.ofSeconds(Long.parseLong(Commands
			.runIn(namespace(Host.ROUTER), "sysctl", "-n", "net.netfilter.nf_conntrack_tcp_timeout_established")
			.strip()));
	}

	/** TCP entries in the router's connection tracking table, one line each. */
	public List<String> trackedConnections() {
		String output = Commands.runIn(namespace(Host.ROUTER), "conntrack", "-L", "-p", "tcp");
		return output.lines().filter((line) -> !line.isBlank()).toList();
	}

	/** Fault: the router forgets every connection at once, like a NAT reboot or table overflow. */
	public void flushConnectionTracking() {
		Commands.runIn(namespace(Host.ROUTER), "conntrack", "-F");
	}

	/** Fault: the router drops everything, both ways, without answering. */
	public void blackhole() {
		String router = namespace(Host.ROUTER);
		for (String chain : List.of("FORWARD", "INPUT", "OUTPUT")) {
			Commands.runIn(router, "iptables", "-I", chain, "1", "-m", "comment", "--comment", BLACKHOLE_COMMENT,
					"-j", "DROP");
		}
		this.blackholed = true;
	}

	/** Undo {@link #blackhole()}. */
	public void restore() {
		String router = namespace(Host.ROUTER);
		for (String chain : List.of("FORWARD", "INPUT", "OUTPUT")) {
			Commands.runIn(router, "iptables", "-D", chain, "-m", "comment", "--comment", BLACKHOLE_COMMENT, "-j",
					"DROP");
		}
		this.blackholed = false;
	}

	public boolean isBlackholed() {
		return this.blackholed;
	}

	/** Established TCP connections on a host that use the given port (either end). */
	public List<TcpConnection> establishedConnections(Host host, int port) {
		String output = Commands.runIn(namespace(host), "ss", "-Htn", "state", "established");
		List<TcpConnection> connections = new ArrayList<>();
		output.lines()
			.filter((line) -> !line.isBlank())
			.map(NatTopology::withState)
			.map(TcpConnection::parse)
			.filter((connection) -> connection.involvesPort(port))
			.forEach(connections::add);
		return connections;
	}

	// With a state filter ss omits the state column; put it back so parsing has one shape.
	private static String withState(String line) {
		return line.trim().startsWith("ESTAB") ? line : "ESTAB " + line.trim();
	}

	/** {@code ss -tnoi} of a host: timers (keepalive, retransmission), queues, for evidence. */
	public String socketDetails(Host host) {
		return Commands.runIn(namespace(host), "ss", "-tnoi");
	}

	/**
	 * Destroy every TCP socket of a host without the peer hearing of it (the router must be
	 * blackholed, or the resets get through): what a power loss does to kernel state.
	 */
	public void destroySockets(Host host) {
		Commands.runIn(namespace(host), "ss", "-K", "-tn", "state", "all");
	}

	/** {@link #destroySockets(Host)} for the TCP sockets of a host that use the given port (either end). */
	public void destroySockets(Host host, int port) {
		Commands.runIn(namespace(host), "ss", "-K", "-tn", "state", "all", "(", "sport", "=", ":" + port, "or", "dport",
				"=", ":" + port, ")");
	}

	/** {@code ss -tnoi} of a host, only the sockets that use the given port (either end). */
	public String socketDetails(Host host, int port) {
		return Commands.runIn(namespace(host), "ss", "-tnoi", "(", "sport", "=", ":" + port, "or", "dport", "=",
				":" + port, ")");
	}

	/** Kill whatever still runs in the namespaces and delete them (links and rules go with them). */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		for (Host host : Host.values()) {
			removeNamespace(namespace(host));
		}
		LabCleanup.unregister(this);
	}

	private static void removeNamespace(String namespace) {
		Commands.Result pids = Commands.runIgnoringFailure("ip", "netns", "pids", namespace);
		pids.stdout().lines().map(String::strip).filter((pid) -> !pid.isEmpty()).forEach((pid) -> {
			ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
		});
		Commands.runIgnoringFailure("ip", "netns", "del", namespace);
	}

	/**
	 * Remove lab namespaces whose creating JVM is gone: leftovers of crashed or killed runs.
	 * Namespaces of runs still alive (parallel builds) are left alone.
	 * @return the namespaces removed
	 */
	public static List<String> sweepStale() {
		List<String> removed = new ArrayList<>();
		Path netnsDir = Path.of("/run/netns");
		if (!Files.isDirectory(netnsDir)) {
			return removed;
		}
		String listing = Commands.run("ip", "netns", "list");
		listing.lines().map((line) -> line.split("\\s+")[0]).forEach((name) -> {
			Matcher matcher = NAME.matcher(name);
			if (matcher.matches() && ProcessHandle.of(Long.parseLong(matcher.group(1))).isEmpty()) {
				removeNamespace(name);
				removed.add(name);
			}
		});
		return removed;
	}

	@Override
	public String toString() {
		return "NatTopology " + this.namePrefix + "{pub,nat,sub}";
	}

}
