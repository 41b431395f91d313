package dev.zmqkeepalive.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.zmqkeepalive.socket.CurveSettings;
import dev.zmqkeepalive.socket.ManagedSocketRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CURVE keys from properties: Z85 text or a resource; bad keys fail startup naming the
 * property and the problem, and never showing a key.
 */
class CurveSettingsFactoryTests {

	private static final ZMQ.Curve.KeyPair SERVER = ZMQ.Curve.generateKeyPair();

	private static final ZMQ.Curve.KeyPair CLIENT = ZMQ.Curve.generateKeyPair();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class))
		.withPropertyValues("zmq.keepalive.sockets.out.type=pub", "zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:*");

	@TempDir
	Path keys;

	@Test
	void whenKeysComeFromFilesThenTheServerHasItsPairAndItsAllowList() throws IOException {
		Path secret = Files.writeString(this.keys.resolve("server.key"), SERVER.secretKey + "\n");
		Path clients = Files.writeString(this.keys.resolve("clients"),
				"# who may subscribe\n" + CLIENT.publicKey + "\n\n" + SERVER.publicKey + "\n");
		this.runner
			.withPropertyValues("zmq.keepalive.sockets.out.curve.secret-key=file:" + secret,
					"zmq.keepalive.sockets.out.curve.public-key=" + SERVER.publicKey,
					"zmq.keepalive.sockets.out.curve.allowed-clients=file:" + clients)
			.run((context) -> {
				CurveSettings curve = context.getBean(ManagedSocketRegistry.class).get("out").settings().curve();
				assertThat(curve.role()).isEqualTo(CurveSettings.Role.SERVER);
				assertThat(curve.allowedClients()).hasSize(2);
				assertThat(curve.publicKey().fingerprint()).isEqualTo(SERVER.publicKey.substring(0, 8));
			});
	}

	@Test
	void whenTheAllowListIsAYamlListOrAGlobalDefaultThenItsKeysAreKnown() {
		this.runner
			.withPropertyValues("zmq.keepalive.curve.allowed-clients[0]=" + CLIENT.publicKey,
					"zmq.keepalive.sockets.out.curve.secret-key=" + SERVER.secretKey,
					"zmq.keepalive.sockets.out.curve.public-key=" + SERVER.publicKey,
					"zmq.keepalive.sockets.out.curve.allowed-clients[0]=" + CLIENT.publicKey,
					"zmq.keepalive.sockets.out.curve.allowed-clients[1]=" + SERVER.publicKey)
			.run((context) -> assertThat(
					context.getBean(ManagedSocketRegistry.class).get("out").settings().curve().allowedClients())
				.hasSize(2));
	}

	@Test
	void whenAClientGivesOnlyTheServerKeyThenItsOwnPairIsGenerated() {
		this.runner.withPropertyValues("zmq.keepalive.sockets.out.curve.server-key=" + SERVER.publicKey)
			.run((context) -> {
				CurveSettings curve = context.getBean(ManagedSocketRegistry.class).get("out").settings().curve();
				assertThat(curve.role()).isEqualTo(CurveSettings.Role.CLIENT);
				assertThat(curve.generated()).isTrue();
				assertThat(curve.secretKey().derivePublicKey()).isEqualTo(curve.publicKey());
			});
	}

	@Test
	void whenAKeyHasTheWrongLengthThenStartupFailsWithoutShowingIt() {
		String tooShort = SERVER.secretKey.substring(0, 39);
		assertFails("zmq.keepalive.sockets.out.curve.secret-key", "40 characters of Z85 text, this one has 39",
				tooShort, "zmq.keepalive.sockets.out.curve.secret-key=" + tooShort,
				"zmq.keepalive.sockets.out.curve.public-key=" + SERVER.publicKey);
	}

	@Test
	void whenAKeyIsNotZ85ThenStartupFailsNamingTheCharacter() {
		String notZ85 = "~" + SERVER.publicKey.substring(1);
		assertFails("zmq.keepalive.sockets.out.curve.server-key", "character 1 is not a Z85 character", notZ85,
				"zmq.keepalive.sockets.out.curve.server-key=" + notZ85);
	}

	@Test
	void whenASecretKeyHasNoPublicKeyThenStartupFails() {
		assertFails("zmq.keepalive.sockets.out.curve.public-key", "without its public key", SERVER.secretKey,
				"zmq.keepalive.sockets.out.curve.secret-key=" + SERVER.secretKey);
	}

	@Test
	void whenThePublicKeyIsNotTheSecretKeysThenStartupFailsWithFingerprintsOnly() {
		assertFails("zmq.keepalive.sockets.out.curve.public-key", "is not the public key of", SERVER.secretKey,
				"zmq.keepalive.sockets.out.curve.secret-key=" + SERVER.secretKey,
				"zmq.keepalive.sockets.out.curve.public-key=" + CLIENT.publicKey);
	}

	@Test
	void whenAKeyFileIsMissingThenStartupFailsNamingIt() {
		assertFails("zmq.keepalive.sockets.out.curve.server-key", "no such resource", SERVER.publicKey,
				"zmq.keepalive.sockets.out.curve.server-key=file:/nonexistent/server.pub");
	}

	@Test
	void whenAClientHasAnAllowListThenStartupFails() {
		assertFails("zmq.keepalive.sockets.out.curve.allowed-clients", "only a server checks an allow-list",
				CLIENT.publicKey, "zmq.keepalive.sockets.out.curve.server-key=" + SERVER.publicKey,
				"zmq.keepalive.sockets.out.curve.allowed-clients=" + CLIENT.publicKey);
	}

	@Test
	void whenAPublicKeyIsSetAloneThenStartupFails() {
		assertFails("zmq.keepalive.sockets.out.curve.public-key", "makes neither a CURVE server nor a client",
				SERVER.publicKey, "zmq.keepalive.sockets.out.curve.public-key=" + SERVER.publicKey);
	}

	@Test
	void whenAnAllowListHasNoServerThenStartupFails() {
		assertFails("zmq.keepalive.sockets.out.curve.allowed-clients", "an allow-list needs a CURVE server",
				CLIENT.publicKey, "zmq.keepalive.sockets.out.curve.allowed-clients=" + CLIENT.publicKey);
	}

	@Test
	void whenAClientHasAPublicKeyWithoutItsSecretKeyThenStartupFails() {
		assertFails("zmq.keepalive.sockets.out.curve.secret-key", "without its secret key", CLIENT.publicKey,
				"zmq.keepalive.sockets.out.curve.server-key=" + SERVER.publicKey,
				"zmq.keepalive.sockets.out.curve.public-key=" + CLIENT.publicKey);
	}

	@Test
	void whenAKeyWithoutTheOtherHalfOfItsPairIsMalformedThenThatIsTheFailure() {
		String tooShort = CLIENT.publicKey.substring(0, 39);
		assertFails("zmq.keepalive.sockets.out.curve.public-key", "40 characters of Z85 text, this one has 39",
				tooShort, "zmq.keepalive.sockets.out.curve.server-key=" + SERVER.publicKey,
				"zmq.keepalive.sockets.out.curve.public-key=" + tooShort);
		String secretTooShort = SERVER.secretKey.substring(0, 39);
		assertFails("zmq.keepalive.sockets.out.curve.secret-key", "40 characters of Z85 text, this one has 39",
				secretTooShort, "zmq.keepalive.sockets.out.curve.secret-key=" + secretTooShort);
	}

	private void assertFails(String property, String problem, String neverShown, String... properties) {
		this.runner.withPropertyValues(properties)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidZmqPropertyException.class)
				.hasMessageContaining("'" + property + "'")
				.hasMessageContaining(problem)
				.message()
				.doesNotContain(neverShown)
				.doesNotContain(SERVER.secretKey)
				.doesNotContain(SERVER.publicKey)
				.doesNotContain(CLIENT.publicKey));
	}

}
