package dev.zmqkeepalive.jeromq;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import zmq.ZError;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Patch 0002: JeroMQ 0.6.0 never emits {@code HANDSHAKE_SUCCEEDED}, and its only
 * handshake event names the endpoint, not the connection; a connection ended by a
 * protocol error (an oversized frame, a pre-ZMTP 3.0 peer refused because ZAP is on)
 * ends with {@code DISCONNECTED} alone, like a peer that closed. The patched build must
 * credit every handshake to its own connection and say why a connection was dropped; on
 * stock JeroMQ the events must be missing.
 */
class HandshakeEventsTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Test
	void everyHandshakeOfManyConcurrentConnectsNamesItsOwnConnection() throws Exception {
		int subscribers = 100;
		Set<Integer> handshakenPorts = ConcurrentHashMap.newKeySet();
		List<Integer> handshakeEvents = new CopyOnWriteArrayList<>();
		try (ZContext context = new ZContext(1)) {
			ZMQ.Socket publisher = context.createSocket(SocketType.PUB);
			publisher.setLinger(0);
			// Called on the I/O thread: records and returns, never blocks or throws.
			publisher.base().setEventHook((event) -> {
				handshakeEvents.add(event.event);
				if (event.arg instanceof SocketChannel channel) {
					try {
						handshakenPorts.add(((InetSocketAddress) channel.getRemoteAddress()).getPort());
					}
					catch (IOException | RuntimeException ex) {
						// closed already: the port stays missing and the test says so
					}
				}
			}, zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_SUCCEEDED);
			publisher.bind("tcp://127.0.0.1:*");
			String endpoint = publisher.getLastEndpoint();
			Set<Integer> subscriberPorts = ConcurrentHashMap.newKeySet();
			List<ZMQ.Socket> sockets = new ArrayList<>();
			for (int i = 0; i < subscribers; i++) {
				ZMQ.Socket subscriber = context.createSocket(SocketType.SUB);
				subscriber.setLinger(0);
				subscriber.base().setEventHook((event) -> {
					if (event.arg instanceof SocketChannel channel) {
						try {
							subscriberPorts.add(((InetSocketAddress) channel.getLocalAddress()).getPort());
						}
						catch (IOException | RuntimeException ex) {
							// closed already
						}
					}
				}, zmq.ZMQ.ZMQ_EVENT_CONNECTED);
				subscriber.subscribe(new byte[0]);
				sockets.add(subscriber);
			}
			sockets.forEach((subscriber) -> subscriber.connect(endpoint));
			long deadline = System.nanoTime() + WAIT.toNanos();
			int expected = subscribers;
			while (handshakeEvents.size() < expected && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			if (JeromqBuild.underTest().isPatched()) {
				assertThat(handshakeEvents).hasSize(expected);
				assertThat(subscriberPorts).hasSize(subscribers);
				assertThat(new HashSet<>(handshakenPorts)).as("remote ports seen by the publisher's handshakes")
					.containsAll(subscriberPorts);
			}
			else {
				assertThat(handshakeEvents).as("stock JeroMQ never emits HANDSHAKE_SUCCEEDED").isEmpty();
			}
		}
	}

	@Test
	void aFrameOverTheMaximumSizeEndsTheConnectionWithEmsgsize() throws Exception {
		List<zmq.ZMQ.Event> events = new CopyOnWriteArrayList<>();
		try (ZContext context = new ZContext(1)) {
			ZMQ.Socket publisher = context.createSocket(SocketType.PUB);
			publisher.setLinger(0);
			publisher.setMaxMsgSize(1024);
			publisher.base().setEventHook(events::add,
					zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL | zmq.ZMQ.ZMQ_EVENT_DISCONNECTED | zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_SUCCEEDED);
			publisher.bind("tcp://127.0.0.1:*");
			int port = port(publisher.getLastEndpoint());
			try (Socket raw = new Socket("127.0.0.1", port)) {
				OutputStream out = raw.getOutputStream();
				out.write(RawZmtp.concat(RawZmtp.nullGreeting(), RawZmtp.ready("SUB")));
				out.flush();
				// The publisher's greeting and READY: its handshake is done before the frame comes.
				RawZmtp.readGreetingAndReady(raw.getInputStream());
				out.write(RawZmtp.frameHeader(1 << 20));
				out.flush();
				awaitEvent(events, zmq.ZMQ.ZMQ_EVENT_DISCONNECTED);
			}
		}
		List<Integer> codes = events.stream().map((event) -> event.event).toList();
		if (JeromqBuild.underTest().isPatched()) {
			assertThat(codes).containsSubsequence(zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_SUCCEEDED, zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL,
					zmq.ZMQ.ZMQ_EVENT_DISCONNECTED);
			assertThat(value(events, zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL)).isEqualTo(ZError.EMSGSIZE);
		}
		else {
			assertThat(codes).as("stock JeroMQ: disconnected, no reason").containsExactly(zmq.ZMQ.ZMQ_EVENT_DISCONNECTED);
		}
	}

	@Test
	void bytesThatAreNotZmtp3AreRefusedWithEprotonosupportWhenZapIsOn() throws Exception {
		List<zmq.ZMQ.Event> events = new CopyOnWriteArrayList<>();
		try (ZContext context = new ZContext(1)) {
			ZMQ.Socket publisher = context.createSocket(SocketType.PUB);
			publisher.setLinger(0);
			publisher.setZAPDomain("test");
			publisher.base().setEventHook(events::add, zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL | zmq.ZMQ.ZMQ_EVENT_DISCONNECTED
					| zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_SUCCEEDED | zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_PROTOCOL);
			publisher.bind("tcp://127.0.0.1:*");
			int port = port(publisher.getLastEndpoint());
			try (Socket raw = new Socket("127.0.0.1", port)) {
				raw.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				raw.getOutputStream().flush();
				awaitEvent(events, zmq.ZMQ.ZMQ_EVENT_DISCONNECTED);
			}
		}
		List<Integer> codes = events.stream().map((event) -> event.event).toList();
		if (JeromqBuild.underTest().isPatched()) {
			assertThat(codes).containsExactly(zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL, zmq.ZMQ.ZMQ_EVENT_DISCONNECTED);
			assertThat(value(events, zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL)).isEqualTo(ZError.EPROTONOSUPPORT);
		}
		else {
			assertThat(codes).containsExactly(zmq.ZMQ.ZMQ_EVENT_DISCONNECTED);
		}
	}

	@Test
	void aPeerThatSendsOnlyItsGreetingIsDroppedAtTheHandshakeTimeout() throws Exception {
		try (ZContext context = new ZContext(1)) {
			ZMQ.Socket publisher = context.createSocket(SocketType.PUB);
			publisher.setLinger(0);
			publisher.setHandshakeIvl(500);
			publisher.bind("tcp://127.0.0.1:*");
			try (Socket raw = new Socket("127.0.0.1", port(publisher.getLastEndpoint()))) {
				raw.getOutputStream().write(RawZmtp.nullGreeting());
				raw.getOutputStream().flush();
				raw.setSoTimeout(3000);
				boolean closed;
				try {
					byte[] buffer = new byte[256];
					int n;
					while ((n = raw.getInputStream().read(buffer)) >= 0) {
						// the publisher's greeting; READY never comes without ours
					}
					closed = true;
				}
				catch (java.net.SocketTimeoutException ex) {
					closed = false;
				}
				if (JeromqBuild.underTest().isPatched()) {
					assertThat(closed).as("dropped within 3 s of a 500 ms handshake timeout").isTrue();
				}
				else {
					assertThat(closed).as("stock JeroMQ stops the handshake timer after the greeting").isFalse();
				}
			}
		}
	}

	@Test
	void aClientTheZapHandlerRefusesIsReportedAndClosedAtOnce() throws Exception {
		List<zmq.ZMQ.Event> events = new CopyOnWriteArrayList<>();
		// How many DISCONNECTED the publisher had reported when the handler sent its first
		// refusal: the refused connection's own DISCONNECTED is the one after these.
		AtomicInteger disconnectsBeforeRefusal = new AtomicInteger(-1);
		ZMQ.Curve.KeyPair server = ZMQ.Curve.generateKeyPair();
		ZMQ.Curve.KeyPair client = ZMQ.Curve.generateKeyPair();
		try (ZContext context = new ZContext(1);
				RefusingZapHandler handler = new RefusingZapHandler(context, () -> disconnectsBeforeRefusal
					.compareAndSet(-1, count(events, zmq.ZMQ.ZMQ_EVENT_DISCONNECTED)))) {
			ZMQ.Socket publisher = curvePublisher(context, server);
			publisher.base().setEventHook(events::add,
					zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_AUTH | zmq.ZMQ.ZMQ_EVENT_DISCONNECTED);
			try (ZContext clientContext = new ZContext(1)) {
				curveSubscriber(clientContext, server, client, publisher.getLastEndpoint());
				await("the ZAP handler refuses the client", () -> disconnectsBeforeRefusal.get() >= 0);
				await("the refused connection's DISCONNECTED",
						() -> count(events, zmq.ZMQ.ZMQ_EVENT_DISCONNECTED) > disconnectsBeforeRefusal.get());
			}
		}
		List<Integer> codes = events.stream().map((event) -> event.event).toList();
		if (JeromqBuild.underTest().isPatched()) {
			// No stalled connect comes first: the patched Poller strands none.
			assertThat(codes).startsWith(zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_AUTH, zmq.ZMQ.ZMQ_EVENT_DISCONNECTED);
			assertThat(value(events, zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_AUTH)).isEqualTo(400);
		}
		else {
			assertThat(codes).as("stock JeroMQ: the server says nothing of the refusal")
				.doesNotContain(zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_AUTH);
		}
	}

	@Test
	void refusingClientOverAndOverThrowsNothingOnTheIoThread() throws Exception {
		int refusals = 100;
		List<Throwable> thrown = new CopyOnWriteArrayList<>();
		ZMQ.Curve.KeyPair server = ZMQ.Curve.generateKeyPair();
		ZMQ.Curve.KeyPair client = ZMQ.Curve.generateKeyPair();
		try (ZContext context = contextReportingTo(thrown); RefusingZapHandler handler = new RefusingZapHandler(context)) {
			ZMQ.Socket publisher = curvePublisher(context, server);
			try (ZContext clientContext = new ZContext(1)) {
				// A refused client does not try again: each refusal is a new subscriber.
				for (int i = 0; i < refusals && thrown.isEmpty(); i++) {
					ZMQ.Socket subscriber = curveSubscriber(clientContext, server, client, publisher.getLastEndpoint());
					int before = i;
					await("refusal " + (i + 1), () -> handler.refusals() > before);
					clientContext.destroySocket(subscriber);
				}
			}
		}
		assertThat(thrown).as("thrown on the publisher's I/O thread while refusing " + refusals + " clients").isEmpty();
	}

	/** A PUB socket, a CURVE server that asks its context's ZAP handler, bound on loopback. */
	private static ZMQ.Socket curvePublisher(ZContext context, ZMQ.Curve.KeyPair server) {
		ZMQ.Socket publisher = context.createSocket(SocketType.PUB);
		publisher.setLinger(0);
		publisher.setCurveServer(true);
		publisher.setCurveSecretKey(ZMQ.Curve.z85Decode(server.secretKey));
		publisher.setZapDomain("test");
		publisher.bind("tcp://127.0.0.1:*");
		return publisher;
	}

	/** A SUB socket, a CURVE client of {@code server} with the key pair {@code client}, connected. */
	private static ZMQ.Socket curveSubscriber(ZContext context, ZMQ.Curve.KeyPair server, ZMQ.Curve.KeyPair client,
			String endpoint) {
		ZMQ.Socket subscriber = context.createSocket(SocketType.SUB);
		subscriber.setLinger(0);
		// Stock JeroMQ strands about 1 in 30 fresh connects before the greeting (FINDINGS,
		// finding 2): a short handshake timeout makes such a connect give up and try again,
		// so the refusal the tests are about still happens.
		subscriber.setHandshakeIvl(1000);
		subscriber.setCurveServerKey(ZMQ.Curve.z85Decode(server.publicKey));
		subscriber.setCurvePublicKey(ZMQ.Curve.z85Decode(client.publicKey));
		subscriber.setCurveSecretKey(ZMQ.Curve.z85Decode(client.secretKey));
		subscriber.connect(endpoint);
		return subscriber;
	}

	/** A context whose I/O threads report to {@code thrown} whatever they throw. */
	private static ZContext contextReportingTo(List<Throwable> thrown) {
		ZContext context = new ZContext(1);
		// What an I/O thread's handler threw: JeroMQ reports it and goes on.
		context.setNotificationExceptionHandler((thread, ex) -> thrown.add(ex));
		// What killed an I/O thread (an Error).
		context.setUncaughtExceptionHandler((thread, ex) -> thrown.add(ex));
		return context;
	}

	private static int count(List<zmq.ZMQ.Event> events, int code) {
		return (int) events.stream().filter((event) -> event.event == code).count();
	}

	private static void await(String condition, BooleanSupplier done) throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!done.getAsBoolean()) {
			assertThat(System.nanoTime()).as(condition + " within " + WAIT).isLessThan(deadline);
			Thread.sleep(10);
		}
	}

	private static void awaitEvent(List<zmq.ZMQ.Event> events, int code) throws InterruptedException {
		await("event " + code, () -> count(events, code) > 0);
	}

	private static Object value(List<zmq.ZMQ.Event> events, int code) {
		return events.stream().filter((event) -> event.event == code).findFirst().orElseThrow().arg;
	}

	private static int port(String endpoint) {
		return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
	}

}
