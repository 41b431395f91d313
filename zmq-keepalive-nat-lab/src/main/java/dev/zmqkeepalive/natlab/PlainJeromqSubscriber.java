package dev.zmqkeepalive.natlab;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A SUB socket with JeroMQ's defaults that prints {@code received topic=<t> payload=<p>} per
 * message, like the sample app. Options: {@code --connect=tcp://host:5556},
 * {@code --envelope=true} (messages carry the starter's envelope: this subscriber takes it off,
 * counts gaps per publisher with {@link LabEnvelope} and prints each as the sample app does,
 * {@code zmq lost socket=ticks-in publisher=… missing=a..b count=n}, and a message without one
 * as {@code zmq unframed socket=ticks-in}), plus those of {@link PlainJeromqOptions}.
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
			boolean envelope = Boolean.parseBoolean(options.get("envelope", "false"));
			LabEnvelope counter = new LabEnvelope();
			System.out.println("ready connect=" + endpoint);
			while (!Thread.currentThread().isInterrupted()) {
				String topic = socket.recvStr();
				String payload = "";
				if (envelope) {
					byte[] second = socket.hasReceiveMore() ? socket.recv() : null;
					LabEnvelope.Header header = LabEnvelope.read(second);
					if (header == null) {
						System.out.println("zmq unframed socket=ticks-in");
						payload = (second != null) ? new String(second, java.nio.charset.StandardCharsets.UTF_8) : "";
					}
					else {
						LabEnvelope.Gap gap = counter.receive(header);
						if (gap != null) {
							System.out.println(gap.logLine("ticks-in"));
						}
						payload = socket.hasReceiveMore() ? socket.recvStr() : "";
					}
				}
				else if (socket.hasReceiveMore()) {
					payload = socket.recvStr();
				}
				System.out.println("received topic=" + topic + " payload=" + payload);
			}
		}
	}

}
