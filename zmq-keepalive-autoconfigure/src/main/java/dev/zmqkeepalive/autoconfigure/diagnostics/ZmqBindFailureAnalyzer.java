package dev.zmqkeepalive.autoconfigure.diagnostics;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.zeromq.ZMQException;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.IgnoreErrorsBindHandler;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveProperties;
import dev.zmqkeepalive.socket.ZmqBindException;
import zmq.ZError;

/**
 * Reports a socket that could not bind or connect an endpoint, naming the property that
 * declared it (the socket layer knows sockets, roles and indexes, not properties). When
 * the address is in use
 * and another socket of the same application binds that port (under another spelling
 * of the host, such as {@code localhost} and {@code 127.0.0.1}), both sockets are named:
 * the advice is then to give one of them another port, not to stop another process.
 *
 * @author zmq-keepalive
 */
class ZmqBindFailureAnalyzer extends AbstractFailureAnalyzer<ZmqBindException> {

	private final @Nullable Environment environment;

	ZmqBindFailureAnalyzer(@Nullable Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ZmqBindException cause) {
		String property = property(cause);
		String description = "Socket '" + cause.getSocketName() + "' could not " + cause.getRole().id() + " '"
				+ cause.getEndpoint() + "' (" + property + "): " + cause.getReason();
		String other = (addressInUse(cause)) ? otherSocketBinding(cause) : null;
		if (other != null) {
			return new FailureAnalysis(description + ". " + StringUtils.capitalize(other)
					+ " of this application binds the same port.",
					"Give one of the two sockets another port in '" + property + "' or in " + other
							+ " (a port of * binds a free one).",
					cause);
		}
		String action = (cause.getRole() == ZmqBindException.Role.BIND)
				? "Stop the process using '" + cause.getEndpoint() + "' or change '" + property
						+ "' (a port of * binds a free one)."
				: "Check '" + property + "': the endpoint must be one this host can connect to.";
		return new FailureAnalysis(description, action, cause);
	}

	/** The property that declared the endpoint, e.g. {@code zmq.keepalive.sockets.ticks.bind[0]}. */
	static String property(ZmqBindException cause) {
		return "zmq.keepalive.sockets." + cause.getSocketName() + "." + cause.getRole().id() + "[" + cause.getIndex()
				+ "]";
	}

	private static boolean addressInUse(ZmqBindException cause) {
		return cause.getRole() == ZmqBindException.Role.BIND && cause.getCause() instanceof ZMQException zmq
				&& zmq.getErrorCode() == ZError.EADDRINUSE;
	}

	/**
	 * Another socket that binds the same address, if any. Sockets open in the order the
	 * binder gives them, which for command-line arguments is not the order they were
	 * written in, so every other socket is a candidate.
	 */
	private @Nullable String otherSocketBinding(ZmqBindException cause) {
		if (this.environment == null) {
			return null;
		}
		ZmqKeepaliveProperties properties = Binder.get(this.environment)
			.bind("zmq.keepalive", Bindable.of(ZmqKeepaliveProperties.class), new IgnoreErrorsBindHandler())
			.orElse(null);
		if (properties == null) {
			return null;
		}
		for (Map.Entry<String, ZmqKeepaliveProperties.Socket> socket : properties.getSockets().entrySet()) {
			if (socket.getKey().equals(cause.getSocketName())) {
				continue;
			}
			List<String> bind = socket.getValue().getBind();
			for (int i = 0; i < bind.size(); i++) {
				if (sameAddress(bind.get(i), cause.getEndpoint())) {
					return "socket '" + socket.getKey() + "' (zmq.keepalive.sockets." + socket.getKey() + ".bind[" + i
							+ "]=" + bind.get(i) + ")";
				}
			}
		}
		return null;
	}

	private static boolean sameAddress(String endpoint, String other) {
		try {
			URI uri = URI.create(endpoint.trim().replace("tcp://*:", "tcp://0.0.0.0:"));
			URI otherUri = URI.create(other.trim().replace("tcp://*:", "tcp://0.0.0.0:"));
			if (!"tcp".equals(uri.getScheme()) || !"tcp".equals(otherUri.getScheme()) || uri.getPort() <= 0
					|| uri.getPort() != otherUri.getPort()) {
				return false;
			}
			List<InetAddress> addresses = Arrays.asList(InetAddress.getAllByName(uri.getHost()));
			List<InetAddress> otherAddresses = Arrays.asList(InetAddress.getAllByName(otherUri.getHost()));
			return addresses.stream().anyMatch(InetAddress::isAnyLocalAddress)
					|| otherAddresses.stream().anyMatch(InetAddress::isAnyLocalAddress)
					|| addresses.stream().anyMatch(otherAddresses::contains);
		}
		catch (IllegalArgumentException | UnknownHostException ex) {
			return false;
		}
	}

}
