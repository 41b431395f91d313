package dev.zmqkeepalive.benchmarks;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The baseline: a PUB and a SUB used the way a careful hand-written JeroMQ program would,
 * with the same lossless settings the starter is given (send and receive high-water
 * marks 0, so nothing is dropped) and one context, with one I/O thread, per side, as two
 * separate applications would have. The caller sends on the PUB directly; a dedicated
 * thread receives with blocking {@code recv}.
 *
 * @author zmq-keepalive
 */
final class PlainJeromqLink implements PubSubLink {

	private static final int RECEIVE_TIMEOUT_MILLIS = 100;

	private final ZContext publisherContext = new ZContext(1);

	private final ZContext subscriberContext = new ZContext(1);

	private final ZMQ.Socket publisher;

	private final Thread receiver;

	private volatile boolean running = true;

	PlainJeromqLink(MessageSink sink) {
		this.publisher = this.publisherContext.createSocket(SocketType.PUB);
		this.publisher.setLinger(0);
		this.publisher.setSndHWM(0);
		this.publisher.bind("tcp://127.0.0.1:*");
		String endpoint = this.publisher.getLastEndpoint();

		ZMQ.Socket subscriber = this.subscriberContext.createSocket(SocketType.SUB);
		subscriber.setLinger(0);
		subscriber.setRcvHWM(0);
		// A timeout lets the receiver notice close(); it costs nothing while messages flow.
		subscriber.setReceiveTimeOut(RECEIVE_TIMEOUT_MILLIS);
		subscriber.subscribe(new byte[0]);
		subscriber.connect(endpoint);
		// From here on only the receiver thread touches the SUB (sockets are not thread-safe).
		this.receiver = new Thread(() -> receive(subscriber, sink), "plain-sub");
		this.receiver.setDaemon(true);
		this.receiver.start();
	}

	private void receive(ZMQ.Socket subscriber, MessageSink sink) {
		try {
			while (this.running) {
				byte[] topic = subscriber.recv(0);
				if (topic == null) {
					continue; // timed out
				}
				byte[] payload = subscriber.hasReceiveMore() ? subscriber.recv(0) : new byte[0];
				sink.accept(topic, payload);
			}
		}
		catch (ZMQException ex) {
			// Context closed under us while stopping.
		}
		finally {
			subscriber.close();
		}
	}

	@Override
	public String name() {
		return "plain JeroMQ";
	}

	@Override
	public void send(byte[] topic, byte[] payload) {
		this.publisher.sendMore(topic);
		this.publisher.send(payload, 0);
	}

	@Override
	public boolean concurrentSenders() {
		return false;
	}

	@Override
	public void close() {
		this.running = false;
		try {
			this.receiver.join(2_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.publisher.close();
		this.publisherContext.close();
		this.subscriberContext.close();
	}

}
