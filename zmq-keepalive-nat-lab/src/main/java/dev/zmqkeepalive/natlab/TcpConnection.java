package dev.zmqkeepalive.natlab;

/**
 * One established TCP connection as the kernel of a lab host sees it ({@code ss -tn}).
 *
 * @param local local address and port
 * @param peer peer address and port
 */
public record TcpConnection(String local, String peer) {

	static TcpConnection parse(String ssLine) {
		// "ESTAB 0 0 10.201.2.2:49608 10.201.1.2:5556" (without header, -H)
		String[] fields = ssLine.trim().split("\\s+");
		return new TcpConnection(fields[3], fields[4]);
	}

	boolean involvesPort(int port) {
		return this.local.endsWith(":" + port) || this.peer.endsWith(":" + port);
	}

	@Override
	public String toString() {
		return this.local + " -> " + this.peer;
	}

}
