package dev.zmqkeepalive.natlab;

/** The three machines of the lab, each a network namespace. */
public enum Host {

	/** Runs the PUB socket that binds. */
	PUBLISHER("pub"),

	/** Forwards between the two hosts and masquerades the subscriber, like a home or cloud NAT. */
	ROUTER("nat"),

	/** Runs the SUB socket that connects, from behind the router. */
	SUBSCRIBER("sub");

	private final String shortName;

	Host(String shortName) {
		this.shortName = shortName;
	}

	String shortName() {
		return this.shortName;
	}

}
