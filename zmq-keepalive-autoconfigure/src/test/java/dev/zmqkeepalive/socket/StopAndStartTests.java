package dev.zmqkeepalive.socket;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import dev.zmqkeepalive.TestPorts;
import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;
import dev.zmqkeepalive.core.ZmqTemplate;
import dev.zmqkeepalive.event.RecordedEvents;
import dev.zmqkeepalive.event.ZmqSocketEventDispatcher;
import dev.zmqkeepalive.event.ZmqSocketEventKind;
import dev.zmqkeepalive.listener.ZmqListener;
import dev.zmqkeepalive.messaging.SocketMessaging;
import dev.zmqkeepalive.messaging.SocketMessagingRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Stopping an application context closes its sockets; starting it again opens them
 * again, with the same settings, and messages flow through the template and the
 * listeners as before, cycle after cycle, without leaking threads or descriptors.
 */
class StopAndStartTests {

	private static final Duration DEADLINE = Duration.ofSeconds(10);

	private final int port = TestPorts.free();

	private final ApplicationContextRunner publisher = publisher(this.port);

	private final ApplicationContextRunner subscriber = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class))
		.withUserConfiguration(Received.class)
		.withPropertyValues(subscriberProperties(this.port));

	/** The publishing application: socket {@code out}, a {@code pub} bound to the port. */
	static ApplicationContextRunner publisher(int port) {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class))
			.withPropertyValues("zmq.keepalive.sockets.out.type=pub", "zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:" + port);
	}

	/** The subscribing application's socket {@code in}: a {@code sub} of topic {@code t} connected to the port. */
	static String[] subscriberProperties(int port) {
		return new String[] { "zmq.keepalive.sockets.in.type=sub", "zmq.keepalive.sockets.in.connect=tcp://127.0.0.1:" + port,
				"zmq.keepalive.sockets.in.topics=t" };
	}

	@Test
	void aSubscriberContextStoppedAndStartedAgainReceivesAgain() {
		this.publisher.run((pub) -> this.subscriber.run((sub) -> {
			ZmqTemplate template = pub.getBean(ZmqTemplate.class);
			Received received = sub.getBean(Received.class);
			ManagedSocket in = sub.getBean(ManagedSocketRegistry.class).get("in");
			awaitDelivery(template, received, "before the stop");
			sub.stop();
			assertThat(threadNames()).doesNotContain("zmq-in");
			sub.start();
			awaitDelivery(template, received, "after the start");
			// The handle obtained before the stop is the socket that runs now.
			assertThat(sub.getBean(ManagedSocketRegistry.class).get("in")).isSameAs(in);
			assertThat(in.state().livePeerCount()).isEqualTo(1);
		}));
	}

	@Test
	void aPublisherContextStoppedAndStartedAgainBindsItsPortAgainAndSends() {
		this.publisher.withBean(RecordedEvents.class).run((pub) -> this.subscriber.run((sub) -> {
			ZmqTemplate template = pub.getBean(ZmqTemplate.class);
			Received received = sub.getBean(Received.class);
			RecordedEvents events = pub.getBean(RecordedEvents.class);
			awaitDelivery(template, received, "before the stop");
			await().atMost(DEADLINE).until(() -> events.count("out", ZmqSocketEventKind.ACCEPTED) == 1);
			pub.stop();
			long start = System.nanoTime();
			assertThatExceptionOfType(ZmqSendException.class)
				.isThrownBy(() -> template.send("out", "t", "while stopped"))
				.withMessageContaining("Socket 'out' is stopped");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
			pub.start();
			awaitDelivery(template, received, "after the start");
			assertThat(received.payloads).doesNotContain("while stopped");
			// The reopening is reported, the closing (paused, as at shutdown) is not.
			await().atMost(DEADLINE).until(() -> events.count("out", ZmqSocketEventKind.ACCEPTED) == 2);
			assertThat(events.count("out", ZmqSocketEventKind.LISTENING)).isEqualTo(2);
			assertThat(events.count("out", ZmqSocketEventKind.CLOSED)).isZero();
		}));
	}

	@Test
	void fiveStopStartCyclesOfBothSidesLeakNoThreadAndNoDescriptor() {
		List<String> withoutContexts = openDescriptors();
		this.publisher.run((pub) -> this.subscriber.run((sub) -> {
			ZmqTemplate template = pub.getBean(ZmqTemplate.class);
			Received received = sub.getBean(Received.class);
			awaitDelivery(template, received, "warm-up");
			// One cycle first: whatever a first restart sets up once is in the baseline.
			cycle(pub, sub, template, received, 0);
			// JeroMQ releases a closed socket's descriptors on its I/O threads and reaper,
			// soon after the close: counts are taken once they have settled.
			List<String> threadsBefore = zmqThreads();
			List<String> descriptorsBefore = settledDescriptors();
			for (int cycle = 1; cycle <= 5; cycle++) {
				cycle(pub, sub, template, received, cycle);
			}
			List<String> threadsAfter = zmqThreads();
			List<String> descriptorsAfter = settledDescriptors();
			List<String> added = new ArrayList<>(descriptorsAfter);
			descriptorsBefore.forEach(added::remove);
			System.out.println("zmq-* threads before " + threadsBefore + ", after " + threadsAfter
					+ "; open descriptors before " + descriptorsBefore.size() + ", after " + descriptorsAfter.size()
					+ " (replaced: " + added.size() + ")");
			assertThat(threadsAfter).isEqualTo(threadsBefore);
			// A leak of one descriptor per socket and cycle would add 10; a JeroMQ socket
			// left open, about 5 (mailbox pipe, selector, TCP socket).
			assertThat(descriptorsAfter).as("descriptors added %s", added)
				.hasSizeBetween(descriptorsBefore.size() - 2, descriptorsBefore.size() + 2);
			// The listener and both ends of the connection, nothing of an earlier cycle.
			assertThat(tcpSocketsOnPort(this.port)).isEqualTo(3);
			// While both are stopped the kept ZContexts hold their I/O threads', reaper's
			// and mailboxes' descriptors; the starter holds no thread and no TCP socket.
			sub.stop();
			pub.stop();
			List<String> whileStopped = openDescriptors();
			List<String> kept = new ArrayList<>(whileStopped);
			withoutContexts.forEach(kept::remove);
			System.out.println("While stopped: zmq-* threads " + zmqThreads() + "; open descriptors "
					+ whileStopped.size() + " (" + withoutContexts.size() + " before the contexts), kept "
					+ kept.stream()
						.map((target) -> target.replaceAll(":?\\[\\d+\\]", ""))
						.collect(Collectors.groupingBy((target) -> target, TreeMap::new, Collectors.counting())));
			assertThat(zmqThreads()).noneMatch((name) -> name.equals("zmq-in") || name.equals("zmq-out"));
			System.out.println("TCP sockets on the port right after both stopped: " + tcpSocketsOnPort(this.port));
			await().atMost(DEADLINE).until(() -> tcpSocketsOnPort(this.port) == 0);
			pub.start();
			sub.start();
			awaitDelivery(template, received, "after the count");
		}));
	}

	@Test
	void aServerWithACurveAllowListAdmitsItsClientAgainAfterAStopAndAStart() {
		ZMQ.Curve.KeyPair server = ZMQ.Curve.generateKeyPair();
		ZMQ.Curve.KeyPair client = ZMQ.Curve.generateKeyPair();
		this.publisher
			.withPropertyValues("zmq.keepalive.sockets.out.curve.public-key=" + server.publicKey,
					"zmq.keepalive.sockets.out.curve.secret-key=" + server.secretKey,
					"zmq.keepalive.sockets.out.curve.allowed-clients=" + client.publicKey)
			.run((pub) -> this.subscriber
				.withPropertyValues("zmq.keepalive.sockets.in.curve.server-key=" + server.publicKey,
						"zmq.keepalive.sockets.in.curve.public-key=" + client.publicKey,
						"zmq.keepalive.sockets.in.curve.secret-key=" + client.secretKey)
				.run((sub) -> {
					ZmqTemplate template = pub.getBean(ZmqTemplate.class);
					Received received = sub.getBean(Received.class);
					awaitDelivery(template, received, "before the stop");
					pub.stop();
					assertThat(threadNames()).doesNotContain("zmq-keepalive-zap", "zmq-out");
					pub.start();
					// Through the ZAP handler started again before the server socket bound.
					awaitDelivery(template, received, "after the start");
					assertThat(threadNames()).contains("zmq-keepalive-zap");
				}));
	}

	@Test
	void aRegistryStoppedBeforeItEverStartedOpensItsSocketsAgainOnStart() {
		try (ZContext context = new ZContext(1)) {
			ZmqSocketEventDispatcher events = new ZmqSocketEventDispatcher(10, (event) -> {
			});
			String endpoint = "tcp://127.0.0.1:" + this.port;
			ManagedSocketRegistry sockets = new ManagedSocketRegistry(context,
					List.of(SocketStates.settings("out", ZmqSocketType.PUSH, List.of(), List.of(endpoint), null),
							SocketStates.settings("in", ZmqSocketType.PULL, List.of(endpoint), List.of(), null)),
					List.of(), events, Clock.systemUTC(), ManagedSocketRegistry.defaultThreadFactory());
			try {
				List<String> received = new CopyOnWriteArrayList<>();
				sockets.get("in").addListener((message) -> received.add(message.payloadAsString()));
				sockets.stop();
				assertThat(sockets.get("out").isStopped()).isTrue();
				assertThatExceptionOfType(ZmqSendException.class)
					.isThrownBy(() -> sockets.get("out").send("t".getBytes(), "never".getBytes()))
					.withMessageContaining("Socket 'out' is stopped");
				sockets.start();
				sockets.get("out").send("t".getBytes(), "after the start".getBytes());
				await().atMost(DEADLINE).until(() -> received.contains("after the start"));
			}
			finally {
				sockets.close();
				events.close();
			}
			assertThatIllegalStateException().isThrownBy(sockets::start).withMessageContaining("closed");
			assertThat(sockets.get("out").execute((socket) -> "ran"))
				.failsWithin(Duration.ofSeconds(1))
				.withThrowableThat()
				.withMessageContaining("Socket 'out' is stopped");
		}
	}

	@Test
	void aBoundPortIsBoundAgainOnEveryStartThoughJeromqReleasesItOnlyAfterTheClose() {
		// JeroMQ closes a listener on its I/O thread after the socket's close returns: a
		// bind at once after the stop often found the port still held (SO_REUSEADDR covers
		// the TIME_WAIT of the connection to the peer, not that). The start waits for
		// JeroMQ to release the closed socket.
		String endpoint = "tcp://127.0.0.1:" + this.port;
		try (ZContext context = new ZContext(1); ZContext peers = new ZContext(1)) {
			ZmqSocketEventDispatcher events = new ZmqSocketEventDispatcher(10, (event) -> {
			});
			ManagedSocketRegistry sockets = new ManagedSocketRegistry(context,
					List.of(SocketStates.settings("out", ZmqSocketType.PUB, List.of(endpoint), List.of(), null)),
					List.of(), events, Clock.systemUTC(), ManagedSocketRegistry.defaultThreadFactory());
			ZMQ.Socket peer = peers.createSocket(SocketType.SUB);
			peer.subscribe(new byte[0]);
			peer.setReceiveTimeOut(50);
			peer.connect(endpoint);
			List<Long> startMillis = new ArrayList<>();
			try {
				sockets.start();
				for (int cycle = 0; cycle < 20; cycle++) {
					String text = "cycle " + cycle;
					await().atMost(DEADLINE).until(() -> {
						sockets.get("out").send("t".getBytes(), text.getBytes());
						for (byte[] frame = peer.recv(); frame != null; frame = peer.recv()) {
							if (text.equals(new String(frame))) {
								return true;
							}
						}
						return false;
					});
					sockets.stop();
					long start = System.nanoTime();
					sockets.start();
					startMillis.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
				}
			}
			finally {
				sockets.close();
				events.close();
			}
			System.out.println("Start after stop, 20 cycles with a peer connected (ms): " + startMillis);
		}
	}

	@Test
	void aStartThatFindsItsPortTakenByAnotherProgramFailsLeavesEverySocketStoppedAndCanBeTriedAgain() {
		String endpoint = "tcp://127.0.0.1:" + this.port;
		String other = "tcp://127.0.0.1:" + TestPorts.free();
		try (ZContext context = new ZContext(1); ZContext thief = new ZContext(1)) {
			ZmqSocketEventDispatcher events = new ZmqSocketEventDispatcher(10, (event) -> {
			});
			ManagedSocketRegistry sockets = new ManagedSocketRegistry(context,
					List.of(SocketStates.settings("first", ZmqSocketType.PUB, List.of(other), List.of(), null),
							SocketStates.settings("out", ZmqSocketType.PUB, List.of(endpoint), List.of(), null)),
					List.of(), events, Clock.systemUTC(), ManagedSocketRegistry.defaultThreadFactory());
			try {
				sockets.start();
				sockets.stop();
				ZMQ.Socket squatter = thief.createSocket(SocketType.PUB);
				// The port is released shortly after the stop (see above).
				await().atMost(DEADLINE).ignoreExceptions().until(() -> squatter.bind(endpoint));
				assertThatExceptionOfType(ZmqBindException.class).isThrownBy(sockets::start)
					.withMessageContaining("could not bind '" + endpoint + "'")
					.withMessageContaining("address already in use");
				assertThat(sockets.isRunning()).isFalse();
				assertThat(sockets.all()).allMatch(ManagedSocket::isStopped);
				assertThat(threadNames()).doesNotContain("zmq-first", "zmq-out");
				thief.destroySocket(squatter);
				await().atMost(DEADLINE).ignoreExceptions().untilAsserted(sockets::start);
				assertThat(sockets.all()).noneMatch(ManagedSocket::isStopped);
				assertThat(sockets.get("out").state().boundEndpoints()).containsExactly(endpoint);
			}
			finally {
				sockets.close();
				events.close();
			}
		}
	}

	@Test
	void withTheEnvelopeTheNumberingCarriesOnAndWhatWasSentWhileTheSubscriberWasStoppedIsCountedLost() {
		this.publisher.withPropertyValues("zmq.keepalive.sockets.out.envelope=true")
			.run((pub) -> this.subscriber.withPropertyValues("zmq.keepalive.sockets.in.envelope=true").run((sub) -> {
				ZmqTemplate template = pub.getBean(ZmqTemplate.class);
				Received received = sub.getBean(Received.class);
				SocketMessaging out = pub.getBean(SocketMessagingRegistry.class).find("out");
				SocketMessaging in = sub.getBean(SocketMessagingRegistry.class).find("in");
				awaitDelivery(template, received, "before the stop");
				long lostBefore = in.lost();
				sub.stop();
				long sentBefore = out.lastSequenceSent();
				for (int i = 0; i < 3; i++) {
					template.send("out", "t", "nobody listens " + i);
				}
				assertThat(out.lastSequenceSent()).isEqualTo(sentBefore + 3);
				sub.start();
				awaitDelivery(template, received, "after the start");
				assertThat(received.payloads).noneMatch((payload) -> payload.startsWith("nobody listens"));
				// The three, and any sent while the subscriber was connecting again.
				assertThat(in.lost()).isGreaterThanOrEqualTo(lostBefore + 3);
			}));
	}

	@Test
	void aContextThatFailsToStartLeavesNoSocketThreadAndItsPortsFree() {
		int taken = TestPorts.free();
		try (ZContext other = new ZContext(1); ZMQ.Socket holder = other.createSocket(SocketType.PUB)) {
			holder.bind("tcp://127.0.0.1:" + taken);
			this.publisher
				.withPropertyValues("zmq.keepalive.sockets.second.type=pub",
						"zmq.keepalive.sockets.second.bind=tcp://127.0.0.1:" + taken)
				.run((failed) -> assertThat(failed).hasFailed());
		}
		assertThat(threadNames()).doesNotContain("zmq-out", "zmq-second");
		// The first socket had bound its port before the second failed: released.
		this.publisher.run((pub) -> assertThat(pub).hasNotFailed());
	}

	private static void cycle(ConfigurableApplicationContext pub, ConfigurableApplicationContext sub,
			ZmqTemplate template, Received received, int cycle) {
		sub.stop();
		pub.stop();
		pub.start();
		sub.start();
		awaitDelivery(template, received, "cycle " + cycle);
	}

	static void awaitDelivery(ZmqTemplate template, Received received, String text) {
		// A subscriber joins a PUB asynchronously: send until one copy arrives.
		await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> {
			template.send("out", "t", text);
			return received.payloads.contains(text);
		});
	}

	/** The starter's threads and JeroMQ's (both contexts' I/O and reaper threads), sorted. */
	static List<String> zmqThreads() {
		return threadNames().stream()
			.filter((name) -> name.startsWith("zmq-") || name.startsWith("iothread-") || name.startsWith("reaper-"))
			.sorted()
			.toList();
	}

	static List<String> threadNames() {
		return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName).toList();
	}

	/**
	 * TCP sockets of this process (descriptors open here) whose local or remote port is
	 * the given one; 0 where {@code /proc} is missing.
	 */
	static long tcpSocketsOnPort(int port) {
		Set<String> inodes = new HashSet<>();
		for (String target : openDescriptors()) {
			if (target.startsWith("socket:[")) {
				inodes.add(target.substring(8, target.length() - 1));
			}
		}
		String hexPort = String.format(":%04X", port);
		long count = 0;
		for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
			try {
				for (String line : Files.readAllLines(Path.of(table))) {
					String[] fields = line.trim().split("\\s+");
					// sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
					if (fields.length > 9 && (fields[1].endsWith(hexPort) || fields[2].endsWith(hexPort))
							&& inodes.contains(fields[9])) {
						count++;
					}
				}
			}
			catch (IOException ex) {
				// No such table here.
			}
		}
		return count;
	}

	/** The open descriptors once their number has stayed the same for half a second. */
	static List<String> settledDescriptors() {
		List<List<String>> last = new ArrayList<>(List.of(openDescriptors()));
		await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).until(() -> {
			List<String> now = openDescriptors();
			boolean settled = now.size() == last.get(0).size();
			last.set(0, now);
			return settled;
		});
		return last.get(0);
	}

	/** What each open descriptor of this process points to (Linux; empty elsewhere). */
	static List<String> openDescriptors() {
		Path fds = Path.of("/proc/self/fd");
		if (!Files.isDirectory(fds)) {
			return List.of();
		}
		try (Stream<Path> entries = Files.list(fds)) {
			return entries.map(StopAndStartTests::target).toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String target(Path fd) {
		try {
			return Files.readSymbolicLink(fd).toString();
		}
		catch (IOException ex) {
			// Closed while listing (the listing's own descriptor, for one).
			return "closed";
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Received {

		final List<String> payloads = new CopyOnWriteArrayList<>();

		@ZmqListener(socket = "in")
		void onMessage(String topic, String payload) {
			this.payloads.add(payload);
		}

	}

}
