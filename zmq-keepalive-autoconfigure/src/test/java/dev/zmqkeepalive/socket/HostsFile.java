package dev.zmqkeepalive.socket;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * The hosts file the JVM resolves names from in the surefire execution
 * {@code host-lookup}, which sets {@code jdk.net.hosts.file} with name caching off: a
 * test writes the names it needs and changes them while it runs, without the machine's
 * DNS or /etc/hosts.
 */
final class HostsFile {

	private final Path path;

	private HostsFile(Path path) {
		this.path = path;
	}

	/**
	 * This JVM's hosts file, holding localhost only; outside the {@code host-lookup}
	 * execution the calling test is skipped.
	 * @return the hosts file
	 * @throws IOException if it cannot be written
	 */
	static HostsFile ofThisJvm() throws IOException {
		String file = System.getProperty("jdk.net.hosts.file");
		Assumptions.assumeTrue(file != null, "runs in the surefire execution 'host-lookup', which sets jdk.net.hosts.file");
		HostsFile hosts = new HostsFile(Path.of(file));
		Files.createDirectories(hosts.path.getParent());
		hosts.resolve();
		return hosts;
	}

	/**
	 * Make exactly these names resolve, besides localhost.
	 * @param entries lines of the form {@code "address name"}
	 * @throws IOException if the file cannot be written
	 */
	void resolve(String... entries) throws IOException {
		StringBuilder content = new StringBuilder("127.0.0.1 localhost\n");
		for (String entry : entries) {
			content.append(entry).append('\n');
		}
		Files.writeString(this.path, content);
	}

}
