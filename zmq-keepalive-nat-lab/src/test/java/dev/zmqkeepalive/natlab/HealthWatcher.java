package dev.zmqkeepalive.natlab;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Polls a starter socket's health ({@code /actuator/health/zmq/<socket>}) from inside its
 * namespace on a thread of its own and keeps every change of status or peer count with the
 * time it was seen. A state shorter than one poll (about 100 ms plus a curl) can be missed.
 */
final class HealthWatcher implements AutoCloseable {

	private static final Pattern STATUS = Pattern.compile("\"status\":\"(\\w+)\"\\s*}\\s*$");

	private static final Pattern PEERS = Pattern.compile("\"peers\":(\\d+)");

	private static final Pattern DISCONNECTS = Pattern.compile("\"disconnects\":(\\d+)");

	private static final Pattern RECONNECTS = Pattern.compile("\"reconnects\":(\\d+)");

	private final NatTopology topology;

	private final Host host;

	private final String socket;

	private final List<Sample> changes = new ArrayList<>();

	private volatile Sample latest;

	private final Thread thread;

	private volatile boolean running = true;

	HealthWatcher(NatTopology topology, Host host, String socket) {
		this.topology = topology;
		this.host = host;
		this.socket = socket;
		this.thread = new Thread(this::poll, "natlab-health-" + socket);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void poll() {
		while (this.running) {
			Sample sample = Sample.parse(Instant.now(), SampleApp.actuator(this.topology, this.host, "health/zmq/" + this.socket));
			if (sample != null) {
				synchronized (this.changes) {
					if (this.latest == null || !this.latest.sameStateAs(sample)) {
						this.changes.add(sample);
						this.changes.notifyAll();
					}
					this.latest = sample;
				}
			}
			Waits.pause(Duration.ofMillis(100));
		}
	}

	/** Every change seen so far, oldest first. */
	List<Sample> changes() {
		synchronized (this.changes) {
			return List.copyOf(this.changes);
		}
	}

	Sample latest() {
		return this.latest;
	}

	/** The first change at or after {@code since} that satisfies the condition, or {@code null} at the deadline. */
	Sample awaitChange(Predicate<Sample> condition, Instant since, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.changes) {
			while (true) {
				for (Sample sample : this.changes) {
					if (!sample.time().isBefore(since) && condition.test(sample)) {
						return sample;
					}
				}
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return null;
				}
				try {
					this.changes.wait(Math.max(1, remaining / 1_000_000));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return null;
				}
			}
		}
	}

	/** The statuses seen at or after {@code since}, e.g. {@code UP -> DOWN -> UP}. */
	String statusHistory(Instant since) {
		List<String> statuses = new ArrayList<>();
		for (Sample sample : changes()) {
			if (!sample.time().isBefore(since) && (statuses.isEmpty() || !statuses.get(statuses.size() - 1).equals(sample.status()))) {
				statuses.add(sample.status());
			}
		}
		return String.join(" -> ", statuses);
	}

	@Override
	public void close() {
		this.running = false;
		try {
			this.thread.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** One reading of a socket's health. */
	record Sample(Instant time, String status, int peers, long disconnects, long reconnects) {

		static Sample parse(Instant time, String body) {
			Matcher status = STATUS.matcher(body.strip());
			if (!status.find()) {
				return null;
			}
			return new Sample(time, status.group(1), number(PEERS, body), number(DISCONNECTS, body),
					number(RECONNECTS, body));
		}

		private static int number(Pattern pattern, String body) {
			Matcher matcher = pattern.matcher(body);
			return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
		}

		boolean sameStateAs(Sample other) {
			return Objects.equals(this.status, other.status) && this.peers == other.peers
					&& this.disconnects == other.disconnects && this.reconnects == other.reconnects;
		}

	}

}
