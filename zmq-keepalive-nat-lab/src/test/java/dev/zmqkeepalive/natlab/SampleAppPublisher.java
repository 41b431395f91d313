package dev.zmqkeepalive.natlab;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The sample app's {@code publisher} profile: socket {@code ticks}, built on the starter.
 * By default its timer is pushed out of the way so the lab alone decides when ticks go out,
 * through {@code POST /ticks?count=N}.
 */
final class SampleAppPublisher implements LabPublisher {

	static final String DESCRIPTION = "starter (sample app)";

	static final String CURVE_DESCRIPTION = "starter (sample app), CURVE server with allow-list";

	static final Launcher LAUNCHER = new Launcher() {

		@Override
		public String description() {
			return DESCRIPTION;
		}

		@Override
		public LabPublisher start(NatLab lab, LinkSettings settings) {
			// "0" should switch the timer off but fails startup (see FINDINGS.md); a day is as good.
			// With the timer out of the way the envelope's sequence number n is exactly tick n.
			return SampleAppPublisher.start(lab, settings, "starter-publisher", Waits.PORT, SampleApp.HTTP_PORT,
					List.of("--sample.ticks.interval=1d", "--sample.envelope=true"), DESCRIPTION);
		}

	};

	private final NatTopology topology;

	private final LabProcess process;

	private final int httpPort;

	private final String description;

	private final List<Long> published = new ArrayList<>();

	private SampleAppPublisher(NatTopology topology, LabProcess process, int httpPort, String description) {
		this.topology = topology;
		this.process = process;
		this.httpPort = httpPort;
		this.description = description;
	}

	/**
	 * The same as {@link #LAUNCHER} with the sample app's {@code curve} profile: a CURVE server
	 * admitting only the clients its allow-list names.
	 * @param keys the directory {@code --sample.keys} points at (see {@link CurveKeys})
	 */
	static Launcher curve(Path keys) {
		return new Launcher() {

			@Override
			public String description() {
				return CURVE_DESCRIPTION;
			}

			@Override
			public LabPublisher start(NatLab lab, LinkSettings settings) {
				return SampleAppPublisher.start(lab, settings, "starter-curve-publisher", Waits.PORT, SampleApp.HTTP_PORT,
						"publisher,curve",
						List.of("--sample.ticks.interval=1d", "--sample.envelope=true", "--sample.keys=" + keys),
						CURVE_DESCRIPTION);
			}

		};
	}

	/**
	 * Start one of several publishers in the namespace.
	 * @param settings the global liveness properties, or {@code null} for the starter's defaults
	 * @param extraArguments further properties, e.g. the tick interval or per-socket heartbeats
	 */
	static SampleAppPublisher start(NatLab lab, LinkSettings settings, String name, int port, int httpPort,
			List<String> extraArguments, String description) {
		return start(lab, settings, name, port, httpPort, "publisher", extraArguments, description);
	}

	private static SampleAppPublisher start(NatLab lab, LinkSettings settings, String name, int port, int httpPort,
			String profiles, List<String> extraArguments, String description) {
		List<String> args = new ArrayList<>();
		args.add("--spring.profiles.active=" + profiles);
		args.add("--zmq.keepalive.sockets.ticks.bind=tcp://*:" + port);
		if (settings != null) {
			args.addAll(SampleApp.livenessProperties(settings));
		}
		args.addAll(extraArguments);
		return new SampleAppPublisher(lab.topology, SampleApp.start(lab, Host.PUBLISHER, name, httpPort, args), httpPort,
				description);
	}

	@Override
	public String description() {
		return this.description;
	}

	@Override
	public LabProcess process() {
		return this.process;
	}

	@Override
	public Instant readyAt() {
		return this.process.linesMatching(LabPatterns.SAMPLE_APP_STARTED).get(0).time();
	}

	@Override
	public synchronized List<Long> published() {
		return List.copyOf(this.published);
	}

	@Override
	public List<Long> publish(int count) {
		String body = Commands.runIn(this.topology.namespace(Host.PUBLISHER), "curl", "-sf", "--max-time", "10", "-X",
				"POST", "http://127.0.0.1:" + this.httpPort + "/ticks?count=" + count);
		// The body is a JSON array of tick numbers: [1,2,3]
		String numbers = body.strip().replaceAll("[\\[\\]\\s]", "");
		List<Long> ticks = numbers.isEmpty() ? List.of() : Arrays.stream(numbers.split(",")).map(Long::valueOf).toList();
		synchronized (this) {
			this.published.addAll(ticks);
		}
		return ticks;
	}

}
