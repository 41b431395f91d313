package dev.zmqkeepalive.socket;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * CURVE settings of one socket. Prints no key but public-key fingerprints.
 *
 * @param role server (accepts clients) or client (knows the server's key)
 * @param publicKey this socket's public key
 * @param secretKey this socket's secret key
 * @param serverKey the server's public key, for a client
 * @param allowedClients client public keys a server accepts; empty for any client that
 * knows the server's key
 * @param generated whether the key pair was generated at startup
 * @author zmq-keepalive
 */
public record CurveSettings(Role role, CurveKey publicKey, CurveKey secretKey, @Nullable CurveKey serverKey,
		Set<CurveKey> allowedClients, boolean generated) {

	public CurveSettings {
		allowedClients = Set.copyOf(allowedClients);
	}

	/** Whether the server checks clients against an allow-list (through ZAP). */
	public boolean authenticatesClients() {
		return this.role == Role.SERVER && !this.allowedClients.isEmpty();
	}

	@Override
	public String toString() {
		return "CURVE " + this.role.name().toLowerCase(java.util.Locale.ROOT) + " " + this.publicKey.fingerprint()
				+ ((this.serverKey != null) ? ", server " + this.serverKey.fingerprint() : "")
				+ ((this.role == Role.SERVER) ? ", " + (this.allowedClients.isEmpty() ? "any client"
						: this.allowedClients.size() + " allowed clients") : "");
	}

	/** Which end of the CURVE handshake a socket takes. */
	public enum Role {

		/** Holds the server key pair; clients must know its public key. */
		SERVER,

		/** Knows the server's public key. */
		CLIENT

	}

}
