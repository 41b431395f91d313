package dev.zmqkeepalive.natlab;

import java.time.Duration;

/** Publishers without the starter, at their libraries' defaults. */
enum PlainPublishers implements LabPublisher.Launcher {

	JEROMQ("plain JeroMQ, defaults") {
		@Override
		LabProcess startProcess(NatLab lab) {
			return lab.start("plain-jeromq-publisher", Host.PUBLISHER,
					LabCommands.java(PlainJeromqPublisher.class.getName(), "--bind=tcp://*:" + Waits.PORT));
		}
	},

	/** The C library, so the lab shows the subscriber's fix holds against libzmq peers too. */
	LIBZMQ("libzmq 4.3 (pyzmq), defaults") {
		@Override
		LabProcess startProcess(NatLab lab) {
			return lab.start("libzmq-publisher", Host.PUBLISHER, LabCommands.libzmqPublisher("--bind=tcp://*:" + Waits.PORT));
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

	@Override
	public LabPublisher start(NatLab lab, LinkSettings settings) {
		LabProcess process = startProcess(lab);
		process.awaitLine(LabPatterns.READY, Duration.ofSeconds(20));
		return new StdinPublisher(process, this.description);
	}

}
