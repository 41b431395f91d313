package dev.zmqkeepalive.natlab;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A SUB socket with JeroMQ's defaults that prints {@code received topic=<t> payload=<p>} per
 * message, like the sample app. Options: {@code --connect=tcp://host:5556}, plus those of
 * {@link PlainJeromqOptions}.
 */
public final class PlainJeromqSubscriber {

	private PlainJeromqSubscriber() {
	}

	public static void main(String[] args) {
		PlainJeromqOptions options = new PlainJeromqOptions(args);
		try (ZContext context = new ZContext()) {
			ZMQ.Socket socket = context.createSocket(SocketType.SUB);
			options.applyTo(socket);
			SocketEventPrinter.start(context, socket, "ticks-in");
			socket.subscribe("ticks");
			String endpoint = options.get("connect", "tcp://localhost:5556");
			socket.connect(endpoint);
			System.out.println("ready connect=" + endpoint);
			while (!Thread.currentThread().isInterrupted()) {
				String topic = socket.recvStr();
				String payload = socket.hasReceiveMore() ? socket.recvStr() : "";
				System.out.println("received topic=" + topic + " payload=" + payload);
			}
		}
	}

}
