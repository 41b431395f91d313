package dev.zmqkeepalive.natlab;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * One publisher and one subscriber of a trial topology, on a port of their own. Several
 * links share the lab's three hosts, so one blackhole at the router is a trial for each of
 * them; every link has its own processes, connection and timers.
 */
final class TrialLink {

	private final String name;

	private final int port;

	private LabPublisher publisher;

	private final Supplier<LabPublisher> publisherLauncher;

	private final boolean publisherReplaceable;

	private final List<LossCount.Instance> instances = new ArrayList<>();

	private final LabProcess subscriber;

	private final int subscriberHttpPort;

	private final LinkSettings settings;

	private final String publisherSettings;

	private final Duration publisherViewBound;

	private final Duration publisherBlindUntil;

	/**
	 * @param name short name, for logs
	 * @param port the publisher's port
	 * @param publisher the running publisher
	 * @param publisherLauncher starts another publisher, to replace a killed one
	 * @param publisherReplaceable whether the publisher starts quickly enough to be replaced in a trial
	 * @param subscriber the running subscriber (the starter: the lab resets its connection and
	 * reads its handshake event)
	 * @param subscriberHttpPort the subscriber's HTTP port in its namespace, for its meters
	 * @param settings the subscriber's liveness settings
	 * @param publisherSettings what the publisher sends of its own, in words
	 * @param publisherViewBound the most the publisher may take to drop a lost subscriber, or
	 * {@code null} when the publisher's view is not measured on this link
	 * @param publisherBlindUntil faults at connections younger than this cannot be seen by the
	 * publisher (TTL only: no PING has carried a TTL yet); {@code null} when it sees every fault
	 */
	TrialLink(String name, int port, LabPublisher publisher, Supplier<LabPublisher> publisherLauncher,
			boolean publisherReplaceable,
			LabProcess subscriber, int subscriberHttpPort, LinkSettings settings, String publisherSettings, Duration publisherViewBound,
			Duration publisherBlindUntil) {
		this.name = name;
		this.port = port;
		this.publisherLauncher = publisherLauncher;
		this.publisherReplaceable = publisherReplaceable;
		this.publisher = publisher;
		this.instances.add(new LossCount.Instance(publisher, Instant.EPOCH));
		this.subscriber = subscriber;
		this.subscriberHttpPort = subscriberHttpPort;
		this.settings = settings;
		this.publisherSettings = publisherSettings;
		this.publisherViewBound = publisherViewBound;
		this.publisherBlindUntil = publisherBlindUntil;
	}

	String name() {
		return this.name;
	}

	int port() {
		return this.port;
	}

	LabPublisher publisher() {
		return this.publisher;
	}

	/** Whether a killed publisher can be replaced quickly (not a Spring Boot app). */
	boolean publisherReplaceable() {
		return this.publisherReplaceable;
	}

	/** Start a new publisher in place of the current one (which must be dead). */
	void replacePublisher() {
		// Lines the subscriber prints from now on are the new instance's: the old one is dead.
		Instant from = Instant.now();
		this.publisher = this.publisherLauncher.get();
		this.instances.add(new LossCount.Instance(this.publisher, from));
	}

	/** Messages lost so far over every publisher instance, counted by the subscriber and by the lab. */
	LossCounts losses(NatTopology topology) {
		return SampleAppSubscriber.INSTANCE.losses(topology, this.subscriberHttpPort, this.subscriber,
				List.copyOf(this.instances));
	}

	LabProcess subscriber() {
		return this.subscriber;
	}

	LinkSettings settings() {
		return this.settings;
	}

	String publisherSettings() {
		return this.publisherSettings;
	}

	boolean publisherViewed() {
		return this.publisherViewBound != null;
	}

	Duration publisherBlindUntil() {
		return this.publisherBlindUntil;
	}

	LabProcess process(Observer observer) {
		return (observer == Observer.SUBSCRIBER) ? this.subscriber : this.publisher.process();
	}

	Duration bound(Observer observer) {
		return (observer == Observer.SUBSCRIBER) ? this.settings.heartbeatDetectionBound() : this.publisherViewBound;
	}

	/** Faults in a connection younger than this hit it before the subscriber's second PING. */
	Duration youngAge() {
		return this.settings.heartbeatInterval().multipliedBy(2);
	}

	@Override
	public String toString() {
		return "link " + this.name + " (port " + this.port + ")";
	}

	/** Whose disconnected event a trial measures. */
	enum Observer {

		SUBSCRIBER, PUBLISHER;

		String id() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
