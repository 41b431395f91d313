package dev.zmqkeepalive.natlab;

import java.net.Socket;
import java.nio.channels.SocketChannel;

import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMonitor;
import org.zeromq.SocketType;

/**
 * Prints a socket's monitor events in the sample app's format,
 * {@code zmq event socket=<name> kind=<kind> endpoint=<ep> remote=<addr>}, so the lab reads
 * plain JeroMQ, libzmq and starter processes the same way.
 */
final class SocketEventPrinter {

	private SocketEventPrinter() {
	}

	/** Monitor the socket from a daemon thread that drains the monitor PAIR until the context ends. */
	static void start(ZContext context, ZMQ.Socket socket, String socketName) {
		String address = "inproc://natlab-monitor-" + socketName;
		socket.monitor(address, ZMQ.EVENT_ALL);
		// Connect the PAIR before the socket does anything: an unconnected monitor blocks the I/O thread.
		ZMQ.Socket pair = context.createSocket(SocketType.PAIR);
		pair.connect(address);
		Thread thread = new Thread(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				ZMQ.Event event = ZMQ.Event.recv(pair);
				if (event == null) {
					return;
				}
				ZMonitor.Event kind = ZMonitor.Event.findByCode(event.getEvent());
				System.out.println("zmq event socket=" + socketName + " kind=" + kind + " endpoint="
						+ event.getAddress() + " remote=" + remoteOf(event));
			}
		}, "natlab-monitor");
		thread.setDaemon(true);
		thread.start();
	}

	private static String remoteOf(ZMQ.Event event) {
		try {
			Object value = event.resolveValue();
			if (value instanceof SocketChannel channel) {
				Socket socket = channel.socket();
				return (socket.getRemoteSocketAddress() != null) ? socket.getRemoteSocketAddress().toString() : null;
			}
			return (value != null) ? value.toString() : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
