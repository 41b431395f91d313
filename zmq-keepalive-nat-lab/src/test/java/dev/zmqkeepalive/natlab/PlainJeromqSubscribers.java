package dev.zmqkeepalive.natlab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The plain JeroMQ subscriber, with defaults or with liveness options set by hand. */
enum PlainJeromqSubscribers implements LabSubscriber {

	/** JeroMQ's defaults whatever the settings say: the bug report's subscriber. */
	DEFAULTS("plain JeroMQ, defaults") {
		@Override
		List<String> options(LinkSettings settings) {
			return List.of();
		}
	},

	/** The options the starter sets, set by hand on a raw socket: a control for the lab itself. */
	HAND_TUNED("plain JeroMQ, options by hand") {
		@Override
		List<String> options(LinkSettings settings) {
			List<String> options = new ArrayList<>();
			if (settings.keepaliveEnabled()) {
				options.add("--tcp-keepalive=" + settings.keepaliveIdle().toSeconds() + ","
						+ settings.keepaliveInterval().toSeconds() + "," + settings.keepaliveCount());
			}
			if (settings.heartbeatEnabled()) {
				options.add("--heartbeat=" + settings.heartbeatInterval().toMillis() + ","
						+ settings.heartbeatTimeout().toMillis());
			}
			options.add("--reconnect=" + settings.reconnectInterval().toMillis() + ","
					+ settings.reconnectMaxInterval().toMillis());
			return options;
		}
	};

	private final String description;

	PlainJeromqSubscribers(String description) {
		this.description = description;
	}

	abstract List<String> options(LinkSettings settings);

	@Override
	public String description() {
		return this.description;
	}

	/** Its own count: the sum of its gap lines. */
	@Override
	public long lostMeter(NatTopology topology, LabProcess process) {
		return process.linesMatching(LabPatterns.LOST).stream().mapToLong((line) -> {
			java.util.regex.Matcher matcher = LabPatterns.LOST.matcher(line.text());
			matcher.find();
			return Long.parseLong(matcher.group(3));
		}).sum();
	}

	@Override
	public long unframedMeter(NatTopology topology, LabProcess process) {
		return process.linesMatching(java.util.regex.Pattern.compile("^zmq unframed ")).size();
	}

	@Override
	public LabProcess start(NatLab lab, LinkSettings settings) {
		List<String> args = new ArrayList<>(options(settings));
		args.add("--connect=tcp://" + NatTopology.PUBLISHER_ADDRESS + ":" + Waits.PORT);
		args.add("--envelope=true");
		LabProcess process = lab.start("plain-jeromq-subscriber", Host.SUBSCRIBER,
				LabCommands.plainJeromq(PlainJeromqSubscriber.class.getName(), args.toArray(String[]::new)));
		process.awaitLine(LabPatterns.READY, Duration.ofSeconds(20));
		return process;
	}

}
