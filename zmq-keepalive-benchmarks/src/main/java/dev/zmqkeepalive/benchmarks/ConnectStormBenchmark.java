package dev.zmqkeepalive.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import dev.zmqkeepalive.core.ZmqTemplate;
import dev.zmqkeepalive.event.ZmqSocketEvent;
import dev.zmqkeepalive.event.ZmqSocketEventKind;

/**
 * A publisher restart in front of many subscribers: libzmq SUB sockets (Debian's
 * {@code python3-zmq}) already retrying their connects every 100 ms when the starter's
 * publisher binds; measured is the time from the publisher listening to every subscriber
 * having received its first message, once with JeroMQ's accept backlog of 100 and once
 * with the starter's default. Everything stays on 127.0.0.1.
 *
 * <p>
 * Run from the repository root with
 * {@code ./mvnw -q -pl zmq-keepalive-benchmarks -am package -DskipTests -Dconnect-storm};
 * settings as {@code --name=value} arguments: {@code --subscribers=1000,5000},
 * {@code --backlogs=100,default}, {@code --per-process=1000}, {@code --timeout-seconds=90},
 * {@code --tick-millis=100}.
 *
 * @author zmq-keepalive
 */
public final class ConnectStormBenchmark {

	private static final Path REPORT = Path.of("target", "connect-storm-report.md");

	private static final String PYTHON = "/usr/bin/python3";

	private static final String SOCKET = "ticks";

	private final List<Integer> subscribers;

	private final List<String> backlogs;

	/** {@code starter} and/or {@code plain}: the same storm against a plain JeroMQ PUB, for a same-run ratio. */
	private final List<String> publishers;

	private final int perProcess;

	private final int timeoutSeconds;

	private final int tickMillis;

	private final Path script;

	private ConnectStormBenchmark(Map<String, String> settings) throws IOException {
		this.subscribers = Arrays.stream(settings.getOrDefault("subscribers", "1000,5000").split(","))
			.map(Integer::parseInt)
			.toList();
		this.backlogs = List.of(settings.getOrDefault("backlogs", "100,default").split(","));
		this.publishers = List.of(settings.getOrDefault("publishers", "starter,plain").split(","));
		for (String publisher : this.publishers) {
			if (!publisher.equals("starter") && !publisher.equals("plain")) {
				throw new IllegalArgumentException("--publishers takes starter and/or plain, not '" + publisher + "'");
			}
		}
		this.perProcess = Integer.parseInt(settings.getOrDefault("per-process", "1000"));
		this.timeoutSeconds = Integer.parseInt(settings.getOrDefault("timeout-seconds", "90"));
		this.tickMillis = Integer.parseInt(settings.getOrDefault("tick-millis", "100"));
		this.script = Files.createTempFile("libzmq_subscribers", ".py");
		try (InputStream source = ConnectStormBenchmark.class
			.getResourceAsStream("/connect-storm/libzmq_subscribers.py")) {
			Files.write(this.script, source.readAllBytes());
		}
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> settings = Arrays.stream(args)
			.filter((arg) -> arg.startsWith("--") && arg.contains("="))
			.collect(Collectors.toMap((arg) -> arg.substring(2, arg.indexOf('=')),
					(arg) -> arg.substring(arg.indexOf('=') + 1)));
		ConnectStormBenchmark benchmark = new ConnectStormBenchmark(settings);
		String report = benchmark.run(String.join(" ", args));
		System.out.println(report);
		Files.createDirectories(REPORT.getParent());
		Files.writeString(REPORT, report, StandardCharsets.UTF_8);
		System.out.println("Report written to " + REPORT.toAbsolutePath());
		Files.deleteIfExists(benchmark.script);
		System.exit(0);
	}

	private String run(String arguments) throws Exception {
		String loadAtStart = LoadAverage.read();
		List<String> rows = new ArrayList<>();
		for (int count : this.subscribers) {
			for (String backlog : this.backlogs) {
				for (String publisher : this.publishers) {
					progress(count + " subscribers, backlog " + backlog + ", " + publisher + " publisher");
					Trial trial = trial(count, backlog, publisher);
					progress("  " + trial);
					rows.add(trial.row());
				}
			}
		}
		StringBuilder report = new StringBuilder();
		report.append("# Connect storm: libzmq subscribers reconnecting to a restarted starter publisher\n\n");
		report.append("- Date: ").append(Instant.now()).append('\n');
		report.append("- JDK: ")
			.append(System.getProperty("java.vm.name"))
			.append(' ')
			.append(System.getProperty("java.vm.version"))
			.append('\n');
		report.append("- OS: ")
			.append(System.getProperty("os.name"))
			.append(' ')
			.append(System.getProperty("os.version"))
			.append(", ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" CPUs, net.core.somaxconn ")
			.append(read("/proc/sys/net/core/somaxconn"))
			.append(", net.ipv4.tcp_max_syn_backlog ")
			.append(read("/proc/sys/net/ipv4/tcp_max_syn_backlog"))
			.append(", tcp_syncookies ")
			.append(read("/proc/sys/net/ipv4/tcp_syncookies"))
			.append('\n');
		String jeromq = String.valueOf(org.zeromq.ZMQ.class.getProtectionDomain().getCodeSource().getLocation());
		report.append("- JeroMQ: ").append(jeromq.substring(jeromq.lastIndexOf('/', jeromq.length() - 2) + 1))
			.append('\n');
		report.append("- libzmq: ").append(libzmqVersion()).append(" (python3-zmq), ")
			.append(this.perProcess).append(" SUB sockets per process, reconnect interval 100 ms\n");
		report.append("- Command: `./mvnw -q -pl zmq-keepalive-benchmarks -am package -DskipTests -Dconnect-storm`")
			.append(arguments.isBlank() ? "" : " with `" + arguments + "`")
			.append('\n');
		report.append("- Load average (1/5/15 min) at start: ").append(loadAtStart).append(", at end: ")
			.append(LoadAverage.read()).append('\n');
		report.append("- Publisher: the starter, one pub socket bound to tcp://127.0.0.1:<port>, one tick every ")
			.append(this.tickMillis).append(" ms; time 0 is its `listening` event. Plain: a JeroMQ PUB in a ZContext(1) ")
			.append("of its own, same backlog (4096 for \"default\"), same ticks; time 0 is the return of its bind\n\n");
		report.append("| Subscribers | Backlog | Publisher | Received first tick | p50 | p90 | p99 | all (max) |\n");
		report.append("|---:|---|---|---:|---:|---:|---:|---:|\n");
		rows.forEach((row) -> report.append(row).append('\n'));
		return report.toString();
	}

	/**
	 * One storm: the subscribers first, retrying against a closed port, then the publisher
	 * the kind names, ticking until every subscriber has its first tick.
	 */
	private Trial trial(int count, String backlog, String kind) throws Exception {
		String endpoint = "tcp://127.0.0.1:" + freePort();
		List<Subscribers> processes = new ArrayList<>();
		try {
			for (int started = 0; started < count; started += this.perProcess) {
				processes.add(new Subscribers(endpoint, Math.min(this.perProcess, count - started)));
			}
			for (Subscribers process : processes) {
				process.ready.get(60, TimeUnit.SECONDS);
			}
			// Every subscriber is now retrying against a closed port, as after a publisher
			// went away; the restart below meets them all at once.
			Thread.sleep(1000);
			try (StormPublisher publisher = kind.equals("plain") ? new PlainPublisher(endpoint, backlog)
					: new StarterPublisher(endpoint, backlog)) {
				long deadline = System.nanoTime() + Duration.ofSeconds(this.timeoutSeconds + 10).toNanos();
				while (!processes.stream().allMatch((process) -> process.result.isDone())
						&& System.nanoTime() < deadline) {
					publisher.tick();
					Thread.sleep(this.tickMillis);
				}
				List<Double> times = new ArrayList<>();
				for (Subscribers process : processes) {
					times.addAll(process.result.get(10, TimeUnit.SECONDS));
				}
				Instant zero = publisher.listening();
				double origin = zero.getEpochSecond() + zero.getNano() / 1e9;
				double[] relative = times.stream().mapToDouble((time) -> time - origin).sorted().toArray();
				return new Trial(count, backlog, kind, relative);
			}
		}
		finally {
			processes.forEach(Subscribers::close);
		}
	}

	/** The publisher that restarts in front of the subscribers. */
	private interface StormPublisher extends AutoCloseable {

		/** Time 0: when it was listening. */
		Instant listening();

		void tick();

		@Override
		void close();

	}

	/** The starter in a Spring Boot application of its own; time 0 is its {@code listening} event. */
	private static final class StarterPublisher implements StormPublisher {

		private final AtomicReference<Instant> listening = new AtomicReference<>();

		private final ConfigurableApplicationContext context;

		private final ZmqTemplate template;

		StarterPublisher(String endpoint, String backlog) {
			List<String> properties = new ArrayList<>(List.of("zmq.keepalive.sockets." + SOCKET + ".type=pub",
					"zmq.keepalive.sockets." + SOCKET + ".bind=" + endpoint));
			if (!backlog.equals("default")) {
				properties.add("zmq.keepalive.sockets." + SOCKET + ".backlog=" + backlog);
			}
			this.context = new SpringApplicationBuilder(PublisherConfiguration.class).web(WebApplicationType.NONE)
				.bannerMode(Banner.Mode.OFF)
				.logStartupInfo(false)
				.properties("logging.level.root=warn")
				.properties(properties.toArray(String[]::new))
				.listeners((ApplicationListener<ZmqSocketEvent>) (event) -> {
					if (event.getKind() == ZmqSocketEventKind.LISTENING) {
						this.listening.compareAndSet(null, event.getTime());
					}
				})
				.run();
			this.template = this.context.getBean(ZmqTemplate.class);
		}

		@Override
		public Instant listening() {
			return this.listening.get();
		}

		@Override
		public void tick() {
			this.template.send(SOCKET, "tick", "tick");
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

	/**
	 * A plain JeroMQ PUB with the same backlog (4096 for "default"), what the starter adds,
	 * or takes, in the same run; time 0 is the return of its bind.
	 */
	private static final class PlainPublisher implements StormPublisher {

		private final org.zeromq.ZContext context = new org.zeromq.ZContext(1);

		private final org.zeromq.ZMQ.Socket socket;

		private final Instant listening;

		PlainPublisher(String endpoint, String backlog) {
			this.socket = this.context.createSocket(org.zeromq.SocketType.PUB);
			this.socket.setLinger(0);
			this.socket.setBacklog(backlog.equals("default") ? 4096 : Integer.parseInt(backlog));
			this.socket.bind(endpoint);
			this.listening = Instant.now();
		}

		@Override
		public Instant listening() {
			return this.listening;
		}

		@Override
		public void tick() {
			this.socket.sendMore("tick");
			this.socket.send("tick");
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static String read(String path) {
		// /proc files report size 0: read them line by line.
		try (BufferedReader reader = Files.newBufferedReader(Path.of(path))) {
			String line = reader.readLine();
			return (line != null) ? line.trim() : "unknown";
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static String libzmqVersion() {
		try {
			Process process = new ProcessBuilder(PYTHON, "-c", "import zmq; print(zmq.zmq_version())").start();
			String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			process.waitFor(10, TimeUnit.SECONDS);
			return version;
		}
		catch (IOException | InterruptedException ex) {
			return "unknown";
		}
	}

	private static void progress(String text) {
		System.err.println("[connect-storm] " + text);
	}

	/** One python3 process holding some of the subscribers. */
	private final class Subscribers implements AutoCloseable {

		private final Process process;

		private final CompletableFuture<Void> ready = new CompletableFuture<>();

		private final CompletableFuture<List<Double>> result = new CompletableFuture<>();

		Subscribers(String endpoint, int count) throws IOException {
			this.process = new ProcessBuilder(PYTHON, ConnectStormBenchmark.this.script.toString(), endpoint,
					String.valueOf(count), String.valueOf(ConnectStormBenchmark.this.timeoutSeconds))
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start();
			Thread reader = new Thread(this::read, "connect-storm-reader");
			reader.setDaemon(true);
			reader.start();
		}

		private void read() {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = lines.readLine(); line != null; line = lines.readLine()) {
					if (line.equals("READY")) {
						this.ready.complete(null);
					}
					else if (line.startsWith("RESULT ")) {
						String[] fields = line.trim().split(" ");
						List<Double> times = new ArrayList<>();
						for (int i = 2; i < fields.length; i++) {
							times.add(Double.parseDouble(fields[i]));
						}
						this.result.complete(times);
					}
				}
				IllegalStateException ended = new IllegalStateException("subscriber process ended early");
				this.ready.completeExceptionally(ended);
				this.result.completeExceptionally(ended);
			}
			catch (IOException ex) {
				this.ready.completeExceptionally(ex);
				this.result.completeExceptionally(ex);
			}
		}

		@Override
		public void close() {
			this.process.destroyForcibly();
		}

	}

	private record Trial(int subscribers, String backlog, String publisher, double[] seconds) {

		double percentile(double p) {
			if (this.seconds.length == 0) {
				return Double.NaN;
			}
			int index = (int) Math.ceil(p / 100 * this.seconds.length) - 1;
			return this.seconds[Math.max(0, Math.min(this.seconds.length - 1, index))];
		}

		String row() {
			String label = this.backlog.equals("default") ? "4096 (the starter's default)" : this.backlog + " (JeroMQ's default)";
			return String.format(Locale.ROOT, "| %,d | %s | %s | %,d of %,d | %.2f s | %.2f s | %.2f s | %.2f s |",
					this.subscribers, label, this.publisher.equals("plain") ? "plain JeroMQ" : "starter",
					this.seconds.length, this.subscribers, percentile(50), percentile(90),
					percentile(99), percentile(100));
		}

		@Override
		public String toString() {
			return row();
		}

	}

}
