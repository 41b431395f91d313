package dev.zmqkeepalive.natlab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Publishers without the starter, at their libraries' defaults. */
enum PlainPublishers implements LabPublisher.Launcher {

	JEROMQ("plain JeroMQ, defaults") {
		@Override
		LabProcess startProcess(NatLab lab) {
			return lab.start("plain-jeromq-publisher", Host.PUBLISHER,
					LabCommands.plainJeromq(PlainJeromqPublisher.class.getName(), "--bind=tcp://*:" + Waits.PORT,
							"--envelope=true"));
		}
	},

	/** The C library, so the lab shows the subscriber's fix holds against libzmq peers too. */
	LIBZMQ("libzmq 4.3 (pyzmq), defaults") {
		@Override
		LabProcess startProcess(NatLab lab) {
			return lab.start("libzmq-publisher", Host.PUBLISHER, LabCommands.libzmqPublisher("--bind=tcp://*:" + Waits.PORT, "--envelope=true"));
		}
	};

	private final String description;

	PlainPublishers(String description) {
		this.description = description;
	}

	abstract LabProcess startProcess(NatLab lab);

	@Override
	public String description() {
		return this.description;
	}

	/**
	 * One of several libzmq publishers in the namespace, on a port of its own.
	 * @param options further options of the script, e.g. {@code --heartbeat=500,1500,45000}
	 */
	static LabPublisher libzmq(NatLab lab, String name, int port, String description, String... options) {
		List<String> args = new ArrayList<>(List.of("--bind=tcp://*:" + port));
		args.addAll(List.of(options));
		LabProcess process = lab.start(name, Host.PUBLISHER, LabCommands.libzmqPublisher(args.toArray(String[]::new)));
		process.awaitLine(LabPatterns.READY, Duration.ofSeconds(20));
		return new StdinPublisher(process, description);
	}

	/**
	 * The libzmq publisher as a CURVE server admitting only the clients its allow-list names
	 * (pyzmq's ZAP handler), for the starter's CURVE client to meet libzmq's.
	 * @param keys the directory with {@code server.pub}, {@code server.key} and
	 * {@code clients.pub} (see {@link CurveKeys})
	 */
	static LabPublisher.Launcher libzmqCurve(Path keys) {
		String description = "libzmq 4.3 (pyzmq), CURVE server with allow-list";
		return new LabPublisher.Launcher() {

			@Override
			public String description() {
				return description;
			}

			@Override
			public LabPublisher start(NatLab lab, LinkSettings settings) {
				return libzmq(lab, "libzmq-curve-publisher", Waits.PORT, description, "--envelope=true",
						"--curve-keys=" + keys);
			}

		};
	}

	@Override
	public LabPublisher start(NatLab lab, LinkSettings settings) {
		LabProcess process = startProcess(lab);
		process.awaitLine(LabPatterns.READY, Duration.ofSeconds(20));
		return new StdinPublisher(process, this.description);
	}

}
