package dev.zmqkeepalive.socket;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZMQ;

/**
 * Takes whole messages from the socket and hands them to the socket's listeners, on the
 * owning thread, in order. A listener that throws is logged and counted; the others and
 * the next message are not affected.
 *
 * @author zmq-keepalive
 */
final class InboundDelivery {

	private static final Log logger = LogFactory.getLog(InboundDelivery.class);

	private final List<ZmqMessageListener> listeners = new CopyOnWriteArrayList<>();

	private final SocketState state;

	InboundDelivery(SocketState state) {
		this.state = state;
	}

	void add(ZmqMessageListener listener) {
		this.listeners.add(listener);
	}

	boolean hasListeners() {
		return !this.listeners.isEmpty();
	}

	/**
	 * Take one whole message without waiting.
	 * @param socket the socket (its lock held)
	 * @return the frames, or {@code null} when nothing is waiting
	 */
	static @Nullable List<byte[]> receive(ZMQ.Socket socket) {
		byte[] first = socket.recv(ZMQ.DONTWAIT);
		return (first != null) ? receiveRest(socket, first) : null;
	}

	/**
	 * The frames of a message whose first frame has been taken: ZeroMQ delivers a
	 * message whole, so the rest is there.
	 * @param socket the socket (its lock held)
	 * @param first the first frame
	 * @return every frame
	 */
	static List<byte[]> receiveRest(ZMQ.Socket socket, byte[] first) {
		if (!socket.hasReceiveMore()) {
			return List.of(first);
		}
		byte[] second = socket.recv(0);
		if (!socket.hasReceiveMore()) {
			// The usual topic + payload: an immutable list ZmqMessage does not copy again.
			return List.of(first, second);
		}
		byte[] third = socket.recv(0);
		if (!socket.hasReceiveMore()) {
			// Topic, envelope, payload: the same, instead of a list that is copied.
			return List.of(first, second, third);
		}
		List<byte[]> frames = new ArrayList<>();
		frames.add(first);
		frames.add(second);
		frames.add(third);
		while (socket.hasReceiveMore()) {
			frames.add(socket.recv(0));
		}
		return frames;
	}

	/** Give the message to every listener. */
	void deliver(ZmqMessage message) {
		for (ZmqMessageListener listener : this.listeners) {
			try {
				listener.onMessage(message);
			}
			catch (Throwable ex) {
				this.state.listenerFailed();
				logger.error("Listener " + listener + " failed on " + message + "; the socket goes on receiving", ex);
			}
		}
	}

}
