package dev.zmqkeepalive.natlab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The CURVE scenarios' key files and their check that no secret key shows. Needs no lab. */
class CurveKeysTests {

	@TempDir
	Path dir;

	@Test
	void keysAreLaidOutAsTheSampleAppReadsThemWithSecretsForTheOwnerOnly() throws IOException {
		CurveKeys keys = CurveKeys.generate(this.dir);
		for (String name : List.of("server.pub", "server.key", "client.pub", "client.key", "clients.pub")) {
			assertThat(keys.allowed.resolve(name)).as(name).isRegularFile();
		}
		assertThat(Files.getPosixFilePermissions(keys.allowed.resolve("server.key")))
			.isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(Files.getPosixFilePermissions(keys.stranger.resolve("client.key")))
			.isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(key(keys.allowed, "server.pub")).hasSize(40).isEqualTo(key(keys.stranger, "server.pub"));
		assertThat(keys.stranger.resolve("server.key")).doesNotExist();
		assertThat(keys.stranger.resolve("clients.pub")).doesNotExist();
		String allowList = Files.readString(keys.allowed.resolve("clients.pub"));
		assertThat(allowList).contains(key(keys.allowed, "client.pub"))
			.doesNotContain(key(keys.stranger, "client.pub"));
		assertThat(key(keys.allowed, "client.pub")).as("the listed key holds a '#', which must not start a comment")
			.contains("#")
			.doesNotStartWith("#");
	}

	@Test
	void aSecretKeyFoundIsNamedByItsFileAndWhereNeverByItsText() throws IOException {
		CurveKeys keys = CurveKeys.generate(this.dir);
		String serverSecret = key(keys.allowed, "server.key");
		String strangerSecret = key(keys.stranger, "client.key");
		List<String> leaks = keys.leaks(Map.of("publisher's output", "loaded key " + serverSecret, "subscriber's output",
				"public " + key(keys.allowed, "client.pub"), "/actuator/zmq", "{\"k\":\"" + strangerSecret + "\"}"));
		assertThat(leaks).containsExactlyInAnyOrder("server.key in publisher's output",
				"stranger's client.key in /actuator/zmq");
		assertThat(String.join(" ", leaks)).doesNotContain(serverSecret).doesNotContain(strangerSecret);
	}

	@Test
	void publicKeysAloneAreNoLeak() throws IOException {
		CurveKeys keys = CurveKeys.generate(this.dir);
		assertThat(keys.leaks(Map.of("health", key(keys.allowed, "server.pub") + " " + key(keys.allowed, "client.pub"))))
			.isEmpty();
	}

	private static String key(Path dir, String name) throws IOException {
		return Files.readString(dir.resolve(name)).strip();
	}

}
