package dev.zmqkeepalive.natlab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One scenario's world: a fresh {@link NatTopology} plus the processes started in it,
 * all removed by {@link #close()} (use try-with-resources; {@link LabCleanup} covers
 * interrupted runs).
 */
final class NatLab implements AutoCloseable {

	final NatTopology topology;

	private final List<LabProcess> processes = new ArrayList<>();

	private NatLab(NatTopology topology) {
		this.topology = topology;
	}

	static NatLab create(Duration establishedTimeout) {
		return new NatLab(NatTopology.create(establishedTimeout));
	}

	LabProcess start(String name, Host host, List<String> command) {
		LabProcess process = LabProcess.start(name, this.topology.namespace(host), command);
		this.processes.add(process);
		return process;
	}

	/** The processes started so far, in order. */
	List<LabProcess> processes() {
		return List.copyOf(this.processes);
	}

	@Override
	public void close() {
		for (int i = this.processes.size() - 1; i >= 0; i--) {
			this.processes.get(i).close();
		}
		this.topology.close();
	}

}
