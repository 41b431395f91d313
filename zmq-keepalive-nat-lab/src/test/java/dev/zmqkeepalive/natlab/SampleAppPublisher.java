package dev.zmqkeepalive.natlab;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The sample app's {@code publisher} profile: socket {@code ticks}, built on the starter.
 * Its timer is pushed out of the way so the lab alone decides when ticks go out, through
 * {@code POST /ticks?count=N}.
 */
final class SampleAppPublisher implements LabPublisher {

	static final Launcher LAUNCHER = new Launcher() {

		@Override
		public String description() {
			return "starter (sample app)";
		}

		@Override
		public LabPublisher start(NatLab lab, LinkSettings settings) {
			List<String> args = new ArrayList<>();
			args.add("--spring.profiles.active=publisher");
			// "0" should switch the timer off but fails startup (see FINDINGS.md); a day is as good.
			args.add("--sample.ticks.interval=1d");
			args.add("--zmq.keepalive.sockets.ticks.bind=tcp://*:" + Waits.PORT);
			if (settings != null) {
				args.addAll(SampleApp.livenessProperties(settings));
			}
			return new SampleAppPublisher(lab.topology, SampleApp.start(lab, Host.PUBLISHER, "starter-publisher", args));
		}

	};

	private final NatTopology topology;

	private final LabProcess process;

	private SampleAppPublisher(NatTopology topology, LabProcess process) {
		this.topology = topology;
		this.process = process;
	}

	@Override
	public String description() {
		return LAUNCHER.description();
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
	public List<Long> publish(int count) {
		String body = Commands.runIn(this.topology.namespace(Host.PUBLISHER), "curl", "-sf", "--max-time", "10", "-X",
				"POST", "http://127.0.0.1:" + SampleApp.HTTP_PORT + "/ticks?count=" + count);
		// The body is a JSON array of tick numbers: [1,2,3]
		String numbers = body.strip().replaceAll("[\\[\\]\\s]", "");
		return numbers.isEmpty() ? List.of() : Arrays.stream(numbers.split(",")).map(Long::valueOf).toList();
	}

}
