package dev.zmqkeepalive.natlab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A PUB socket with JeroMQ's defaults, driven by the lab over stdin: {@code send N} publishes
 * N messages [ticks, "tick n"], {@code quit} exits. Prints {@code sent ...} per message.
 * Options: {@code --bind=tcp://*:5556}, {@code --envelope=true} (each message is [ticks,
 * envelope, "tick n"] with the starter's envelope frame, sequence number n, written by
 * {@link LabEnvelope}), plus those of {@link PlainJeromqOptions}.
 */
public final class PlainJeromqPublisher {

	private PlainJeromqPublisher() {
	}

	public static void main(String[] args) throws IOException {
		PlainJeromqOptions options = new PlainJeromqOptions(args);
		try (ZContext context = new ZContext()) {
			ZMQ.Socket socket = context.createSocket(SocketType.PUB);
			options.applyTo(socket);
			SocketEventPrinter.start(context, socket, "ticks");
			String endpoint = options.get("bind", "tcp://*:5556");
			socket.bind(endpoint);
			UUID instanceId = Boolean.parseBoolean(options.get("envelope", "false")) ? UUID.randomUUID() : null;
			System.out.println("ready bound=" + endpoint + ((instanceId != null) ? " envelope=" + instanceId : ""));
			BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
			long next = 1;
			String command;
			while ((command = in.readLine()) != null) {
				String[] parts = command.trim().split("\\s+");
				if (parts[0].equals("quit")) {
					break;
				}
				if (parts[0].equals("send")) {
					int count = Integer.parseInt(parts[1]);
					for (int i = 0; i < count; i++, next++) {
						String payload = "tick " + next;
						socket.sendMore("ticks");
						if (instanceId != null) {
							socket.sendMore(LabEnvelope.write(instanceId, next));
						}
						socket.send(payload);
						System.out.println("sent topic=ticks payload=" + payload);
					}
				}
			}
		}
	}

}
