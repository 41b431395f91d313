package dev.zmqkeepalive.natlab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.zeromq.ZMQ;

/**
 * Key files for a CURVE scenario, laid out as the sample app's {@code curve} profile reads
 * them from {@code --sample.keys=<dir>} (the top-level README's commands make the same
 * files): {@code server.pub}, {@code server.key}, {@code client.pub}, {@code client.key}
 * and the allow-list {@code clients.pub}. Made fresh by the test, secret keys readable by
 * the owner only. Processes get file names, never key text: command lines are logged.
 *
 * <p>
 * A secret key must never show up in the lab's evidence, so {@link #leaks} names where one
 * was found without saying what it was, and nothing here prints a key.
 */
final class CurveKeys {

	/** The server's keys, an allowed client's keys and the allow-list naming only that client. */
	final Path allowed;

	/** The server's public key and a client key pair that is on no allow-list. */
	final Path stranger;

	/** Secret key text by file name, for {@link #leaks} only. */
	private final Map<String, String> secrets = new LinkedHashMap<>();

	private CurveKeys(Path allowed, Path stranger) {
		this.allowed = allowed;
		this.stranger = stranger;
	}

	/** Generate the keys with the starter's JeroMQ into two directories under {@code dir}. */
	static CurveKeys generate(Path dir) {
		try {
			CurveKeys keys = new CurveKeys(Files.createDirectory(dir.resolve("allowed")),
					Files.createDirectory(dir.resolve("stranger")));
			ZMQ.Curve.KeyPair server = ZMQ.Curve.generateKeyPair();
			// "#" starts a comment in an allow-list and is also a Z85 character (never a key's
			// first): a listed key with "#" inside keeps every run honest about that. A run
			// failed once with a lab parser that cut lines at any "#".
			ZMQ.Curve.KeyPair client = ZMQ.Curve.generateKeyPair();
			while (!client.publicKey.contains("#")) {
				client = ZMQ.Curve.generateKeyPair();
			}
			ZMQ.Curve.KeyPair stranger = ZMQ.Curve.generateKeyPair();
			keys.write(keys.allowed, "server", server);
			keys.write(keys.allowed, "client", client);
			write(keys.allowed.resolve("clients.pub"), "# the only client the publisher admits\n" + client.publicKey + "\n");
			write(keys.stranger.resolve("server.pub"), server.publicKey + "\n");
			keys.write(keys.stranger, "client", stranger);
			keys.secrets.put("server.key", server.secretKey);
			keys.secrets.put("client.key", client.secretKey);
			keys.secrets.put("stranger's client.key", stranger.secretKey);
			return keys;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void write(Path dir, String name, ZMQ.Curve.KeyPair pair) throws IOException {
		write(dir.resolve(name + ".pub"), pair.publicKey + "\n");
		Path secret = dir.resolve(name + ".key");
		Files.createFile(secret, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		write(secret, pair.secretKey + "\n");
	}

	private static void write(Path file, String text) throws IOException {
		Files.writeString(file, text);
	}

	/**
	 * Where a secret key appears in the given texts.
	 * @param texts what to search, by a name for the report (a process's output, an actuator page)
	 * @return one description per find, naming the key file and the text, never the key
	 */
	List<String> leaks(Map<String, String> texts) {
		List<String> found = new ArrayList<>();
		texts.forEach((where, text) -> this.secrets.forEach((name, secret) -> {
			if (text.contains(secret)) {
				found.add(name + " in " + where);
			}
		}));
		return found;
	}

}
