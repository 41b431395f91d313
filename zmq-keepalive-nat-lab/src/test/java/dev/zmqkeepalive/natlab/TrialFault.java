package dev.zmqkeepalive.natlab;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.zmqkeepalive.natlab.TrialLink.Observer;

/** The faults a round of {@link DetectionTrials} injects, and who is expected to notice. */
enum TrialFault {

	/** The router drops everything both ways: both ends must notice. */
	BLACKHOLE("blackhole") {
		@Override
		List<Observer> observers(TrialLink link) {
			return link.publisherViewed() ? List.of(Observer.SUBSCRIBER, Observer.PUBLISHER) : List.of(Observer.SUBSCRIBER);
		}

		@Override
		Map<TrialLink, Instant> inject(NatLab lab, List<TrialLink> links) {
			Instant fault = Instant.now();
			lab.topology.blackhole();
			Map<TrialLink, Instant> times = new LinkedHashMap<>();
			links.forEach((link) -> times.put(link, fault));
			return times;
		}

		@Override
		void heal(NatLab lab, List<TrialLink> links) {
			lab.topology.restore();
		}
	},

	/** The publisher process freezes; its kernel keeps answering TCP, so only heartbeats can tell. */
	HUNG_PUBLISHER("publisher hung (kill -STOP)") {
		@Override
		List<Observer> observers(TrialLink link) {
			return List.of(Observer.SUBSCRIBER);
		}

		@Override
		Map<TrialLink, Instant> inject(NatLab lab, List<TrialLink> links) {
			Map<TrialLink, Instant> times = new LinkedHashMap<>();
			for (TrialLink link : links) {
				times.put(link, Instant.now());
				link.publisher().process().suspend();
			}
			return times;
		}

		@Override
		void heal(NatLab lab, List<TrialLink> links) {
			links.forEach((link) -> link.publisher().process().resume());
		}
	},

	/**
	 * The publisher's host loses power: the router goes dark, the publisher is killed, the
	 * host's TCP state is destroyed without a word on the wire, and a new publisher starts.
	 * Only links whose publisher can be replaced in seconds take part.
	 */
	PUBLISHER_POWER_LOSS("publisher host power loss") {
		@Override
		List<Observer> observers(TrialLink link) {
			return link.publisherReplaceable() ? List.of(Observer.SUBSCRIBER) : List.of();
		}

		@Override
		Map<TrialLink, Instant> inject(NatLab lab, List<TrialLink> links) {
			Instant fault = Instant.now();
			lab.topology.blackhole();
			Map<TrialLink, Instant> times = new LinkedHashMap<>();
			for (TrialLink link : links) {
				times.put(link, fault);
				link.publisher().process().kill();
				lab.topology.destroySockets(Host.PUBLISHER, link.port());
				link.replacePublisher();
			}
			return times;
		}

		@Override
		void heal(NatLab lab, List<TrialLink> links) {
			lab.topology.restore();
		}
	},

	/** The subscriber process freezes while the publisher has data in flight to it. */
	HUNG_SUBSCRIBER("subscriber hung (kill -STOP)") {
		@Override
		List<Observer> observers(TrialLink link) {
			return link.publisherViewed() ? List.of(Observer.PUBLISHER) : List.of();
		}

		@Override
		Map<TrialLink, Instant> inject(NatLab lab, List<TrialLink> links) {
			Map<TrialLink, Instant> times = new LinkedHashMap<>();
			for (TrialLink link : links) {
				times.put(link, Instant.now());
				link.subscriber().suspend();
			}
			return times;
		}

		@Override
		void heal(NatLab lab, List<TrialLink> links) {
			links.forEach((link) -> link.subscriber().resume());
		}
	};

	private final String description;

	TrialFault(String description) {
		this.description = description;
	}

	String description() {
		return this.description;
	}

	/** Whose disconnected event is measured on this link; empty: the link sits this fault out. */
	abstract List<Observer> observers(TrialLink link);

	/** @return when the fault hit each link */
	abstract Map<TrialLink, Instant> inject(NatLab lab, List<TrialLink> links);

	abstract void heal(NatLab lab, List<TrialLink> links);

}
