package dev.zmqkeepalive.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import dev.zmqkeepalive.event.ZmqSocketEventKind;
import dev.zmqkeepalive.socket.ManagedSocket;
import dev.zmqkeepalive.socket.ManagedSocketRegistry;
import dev.zmqkeepalive.socket.SocketState;

/**
 * Micrometer meters for every managed socket, tagged {@code socket} and {@code type}.
 * Meters read the socket's live state when scraped; nothing is recorded on the message
 * path. No meter is tagged per peer: peer addresses are unbounded.
 *
 * @author zmq-keepalive
 */
public class ZmqSocketMetrics implements MeterBinder {

	private final ManagedSocketRegistry sockets;

	public ZmqSocketMetrics(ManagedSocketRegistry sockets) {
		this.sockets = sockets;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (ManagedSocket socket : this.sockets.all()) {
			bind(registry, socket);
		}
	}

	private void bind(MeterRegistry registry, ManagedSocket socket) {
		SocketState state = socket.state();
		Tags tags = Tags.of("socket", socket.name(), "type", socket.settings().type().id());
		Gauge.builder("zmq.socket.peers", state, SocketState::livePeerCount)
			.tags(tags)
			.description("Peers with an established ZMTP session")
			.register(registry);
		for (ZmqSocketEventKind kind : ZmqSocketEventKind.values()) {
			FunctionCounter.builder("zmq.socket.events", state, (s) -> s.eventCount(kind))
				.tags(tags)
				.tag("event", kind.id())
				.description("Socket monitor events, by kind")
				.register(registry);
		}
		FunctionCounter.builder("zmq.socket.messages", state, SocketState::messagesIn)
			.tags(tags)
			.tag("direction", "in")
			.description("Messages received or handed to the socket for sending")
			.register(registry);
		FunctionCounter.builder("zmq.socket.messages", state, SocketState::messagesOut)
			.tags(tags)
			.tag("direction", "out")
			.description("Messages received or handed to the socket for sending")
			.register(registry);
		ageGauge(registry, tags, state, "in", SocketState::lastMessageIn);
		ageGauge(registry, tags, state, "out", SocketState::lastMessageOut);
		FunctionCounter.builder("zmq.socket.listener.failures", state, SocketState::listenerFailures)
			.tags(tags)
			.description("Messages whose listener threw")
			.register(registry);
	}

	private static void ageGauge(MeterRegistry registry, Tags tags, SocketState state, String direction,
			Function<SocketState, @Nullable Instant> last) {
		Gauge.builder("zmq.socket.last.message.age", state, (s) -> {
			Instant at = last.apply(s);
			return (at != null) ? (Duration.between(at, s.now()).toNanos() / 1e9) : Double.NaN;
		})
			.tags(tags)
			.tag("direction", direction)
			.baseUnit("seconds")
			.description("Time since the last message in this direction; NaN before the first")
			.register(registry);
	}

}
