package dev.zmqkeepalive.natlab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The sample app's {@code subscriber} profile: socket {@code ticks-in}, built on the starter. */
final class SampleAppSubscriber implements LabSubscriber {

	static final SampleAppSubscriber INSTANCE = new SampleAppSubscriber();

	@Override
	public String description() {
		return "starter (sample app)";
	}

	@Override
	public LabProcess start(NatLab lab, LinkSettings settings) {
		return start(lab, settings, "starter-subscriber", Waits.PORT, SampleApp.HTTP_PORT,
				List.of("--sample.envelope=true"));
	}

	/**
	 * The subscriber as a CURVE client ({@code curve} profile) holding the keys in a directory.
	 * @param keys the directory {@code --sample.keys} points at (see {@link CurveKeys})
	 */
	static LabSubscriber curve(Path keys) {
		return new LabSubscriber() {

			@Override
			public String description() {
				return "starter (sample app), CURVE client";
			}

			@Override
			public LabProcess start(NatLab lab, LinkSettings settings) {
				return INSTANCE.startCurve(lab, settings, "starter-curve-subscriber", SampleApp.HTTP_PORT, keys);
			}

			@Override
			public long lostMeter(NatTopology topology, LabProcess process) {
				return INSTANCE.lostMeter(topology, process);
			}

			@Override
			public long unframedMeter(NatTopology topology, LabProcess process) {
				return INSTANCE.unframedMeter(topology, process);
			}

		};
	}

	@Override
	public long lostMeter(NatTopology topology, LabProcess process) {
		return SampleApp.counter(topology, Host.SUBSCRIBER, "zmq.socket.messages.lost", "ticks-in");
	}

	@Override
	public long unframedMeter(NatTopology topology, LabProcess process) {
		return SampleApp.counter(topology, Host.SUBSCRIBER, "zmq.socket.messages.unframed", "ticks-in");
	}

	/**
	 * One of several subscribers in the namespace, each connecting to its own publisher port,
	 * with the envelope on so that it counts what it loses.
	 */
	LabProcess start(NatLab lab, LinkSettings settings, String name, int publisherPort, int httpPort) {
		return start(lab, settings, name, publisherPort, httpPort, List.of("--sample.envelope=true"));
	}

	/** Messages lost and unframed as one of several subscribers counted them, and the lab's count. */
	LossCounts losses(NatTopology topology, int httpPort, LabProcess process, List<LossCount.Instance> instances) {
		long meter = SampleApp.counter(topology, Host.SUBSCRIBER, httpPort, "zmq.socket.messages.lost", "ticks-in");
		long unframed = SampleApp.counter(topology, Host.SUBSCRIBER, httpPort, "zmq.socket.messages.unframed",
				"ticks-in");
		return LossCount.ofTicksAndQuotes(instances, process, meter, unframed);
	}

	private LabProcess start(NatLab lab, LinkSettings settings, String name, int publisherPort, int httpPort,
			List<String> extraArguments) {
		return start(lab, settings, name, publisherPort, httpPort, "subscriber", extraArguments);
	}

	/**
	 * A subscriber with the sample app's {@code curve} profile: a CURVE client with the key
	 * pair and server key in {@code keys}, envelope on.
	 * @param keys the directory {@code --sample.keys} points at (see {@link CurveKeys})
	 */
	LabProcess startCurve(NatLab lab, LinkSettings settings, String name, int httpPort, Path keys) {
		return start(lab, settings, name, Waits.PORT, httpPort, "subscriber,curve",
				List.of("--sample.envelope=true", "--sample.keys=" + keys));
	}

	private LabProcess start(NatLab lab, LinkSettings settings, String name, int publisherPort, int httpPort,
			String profiles, List<String> extraArguments) {
		List<String> args = new ArrayList<>();
		args.add("--spring.profiles.active=" + profiles);
		args.add("--zmq.keepalive.sockets.ticks-in.connect=tcp://" + NatTopology.PUBLISHER_ADDRESS + ":" + publisherPort);
		args.addAll(SampleApp.livenessProperties(settings));
		args.addAll(extraArguments);
		return SampleApp.start(lab, Host.SUBSCRIBER, name, httpPort, args);
	}

}
