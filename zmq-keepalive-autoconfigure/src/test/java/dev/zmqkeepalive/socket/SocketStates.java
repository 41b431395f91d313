package dev.zmqkeepalive.socket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.zmqkeepalive.event.ZmqSocketEventKind;

/**
 * Drives a {@link SocketState} as its monitor and owning thread would, for tests of the
 * classes that read it (health, metrics) in other packages.
 */
public final class SocketStates {

	private SocketStates() {
	}

	/** A channel standing for one TCP connection (real, never connected). */
	public static SelectableChannel channel() {
		try {
			return SocketChannel.open();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A peer connects and completes its handshake now. */
	public static void peerJoined(SocketState state, SelectableChannel channel, String endpoint) {
		state.connectionOpened(channel, endpoint, "127.0.0.1:40000", state.now());
		state.handshakeSucceeded(endpoint, state.now());
	}

	/** A peer's connection ends now. */
	public static void peerLeft(SocketState state, SelectableChannel channel) {
		state.connectionClosed(channel, state.now());
	}

	/** A message arrives now. */
	public static void messageReceived(SocketState state) {
		state.messageReceived(state.now());
	}

	/** Messages are handed to the socket now. */
	public static void messagesSent(SocketState state, int count) {
		state.messagesSent(count);
	}

	/** An event of the given kind is counted. */
	public static void eventOccurred(SocketState state, ZmqSocketEventKind kind) {
		state.eventOccurred(kind);
	}

	/** The socket's silence watch reported silence. */
	public static void silent(SocketState state) {
		state.silent(true);
	}

	/** The socket was stopped (its application context stopped). */
	public static void stopped(SocketState state) {
		state.socketStopped();
	}

	/** The stopped socket is being opened again. */
	public static void reopening(SocketState state) {
		state.socketReopening();
	}

	/**
	 * Settings of a socket with the starter's default keepalive (60 s + 10 s x 3),
	 * heartbeat off and the given endpoints.
	 */
	public static SocketSettings settings(String name, ZmqSocketType type, List<String> bind, List<String> connect,
			@Nullable Duration silenceTimeout) {
		return new SocketSettings(name, type, bind, connect, List.of(),
				new TcpKeepalive(true, Duration.ofSeconds(60), Duration.ofSeconds(10), 3),
				Heartbeat.OFF,
				new Reconnect(Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(5)), silenceTimeout,
				Duration.ofSeconds(1), null, null, 1000, Duration.ofSeconds(5), Duration.ofSeconds(5), 100, 1024 * 1024,
				null);
	}

}
