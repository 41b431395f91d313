package dev.zmqkeepalive.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import dev.zmqkeepalive.socket.CurveKey;
import dev.zmqkeepalive.socket.CurveSettings;

/**
 * Reads and checks the CURVE keys of one socket: Z85 text or a {@code file:} or
 * {@code classpath:} resource holding it. Every error names the property and what is
 * wrong, never the key: the message says how long the text was or which character is not
 * Z85, and shows a resource by its location only.
 *
 * @author zmq-keepalive
 */
final class CurveSettingsFactory {

	private static final String NOT_SHOWN = "(not shown)";

	private static final ResourceLoader resources = new DefaultResourceLoader(CurveSettingsFactory.class.getClassLoader());

	private CurveSettingsFactory() {
	}

	static @Nullable CurveSettings create(SocketOptionProperties.Curve global, SocketOptionProperties.Curve socket,
			String socketPrefix) {
		Value serverKey = pick(socket.getServerKey(), global.getServerKey(), socketPrefix, ".curve.server-key");
		Value publicKey = pick(socket.getPublicKey(), global.getPublicKey(), socketPrefix, ".curve.public-key");
		Value secretKey = pick(socket.getSecretKey(), global.getSecretKey(), socketPrefix, ".curve.secret-key");
		List<String> listed = (socket.getAllowedClients() != null) ? socket.getAllowedClients()
				: global.getAllowedClients();
		// No list and an empty one alike mean no allow-list.
		List<String> allowed = (listed != null) ? listed : List.of();
		String allowedProperty = ((socket.getAllowedClients() != null) ? socketPrefix : "zmq.keepalive")
				+ ".curve.allowed-clients";
		boolean hasAllowList = !allowed.isEmpty();
		if (serverKey == null) {
			if (secretKey == null) {
				if (publicKey != null) {
					throw new InvalidZmqPropertyException(publicKey.property, NOT_SHOWN,
							"a public key alone makes neither a CURVE server nor a client",
							"a server: " + socketPrefix + ".curve.secret-key and .public-key; a client: "
									+ socketPrefix + ".curve.server-key");
				}
				if (hasAllowList) {
					throw new InvalidZmqPropertyException(allowedProperty, allowed.size() + " keys",
							"an allow-list needs a CURVE server, and this socket has no secret-key",
							"the server's key pair in " + socketPrefix + ".curve.secret-key and .public-key");
				}
				return null;
			}
			// A server: its own key pair, and the clients it accepts if it has a list.
			CurveKey[] pair = ownPair(publicKey, secretKey, socketPrefix);
			Set<CurveKey> clients = new LinkedHashSet<>();
			for (int i = 0; i < allowed.size(); i++) {
				clients.addAll(keys(allowedProperty + "[" + i + "]", allowed.get(i)));
			}
			return new CurveSettings(CurveSettings.Role.SERVER, pair[0], pair[1], null, clients, false);
		}
		// A client: the server's key, and its own key pair if it has one (else one made now).
		CurveKey[] pair = null;
		if (secretKey != null) {
			pair = ownPair(publicKey, secretKey, socketPrefix);
		}
		else if (publicKey != null) {
			// Parsed first so that a malformed key is reported as such.
			key(publicKey, false);
			throw new InvalidZmqPropertyException(socketPrefix + ".curve.secret-key", null,
					"a public key is set (" + publicKey.property + ") without its secret key",
					"the secret key of the same pair, preferably as a file: resource");
		}
		if (hasAllowList) {
			throw new InvalidZmqPropertyException(allowedProperty, allowed.size() + " keys",
					"this socket is a CURVE client (it has " + serverKey.property
							+ "), and only a server checks an allow-list",
					"allowed-clients on the binding (server) socket");
		}
		CurveKey server = key(serverKey, false);
		boolean generated = pair == null;
		if (pair == null) {
			pair = CurveKey.generatePair();
		}
		return new CurveSettings(CurveSettings.Role.CLIENT, pair[0], pair[1], server, Set.of(), generated);
	}

	/**
	 * The socket's own key pair, public key then secret key, checked to be one pair. Each
	 * key is parsed before the two are compared, so that a malformed key is reported as
	 * such rather than as a missing or mismatched one.
	 */
	private static CurveKey[] ownPair(@Nullable Value publicKey, Value secretKey, String socketPrefix) {
		if (publicKey == null) {
			key(secretKey, true);
			throw new InvalidZmqPropertyException(socketPrefix + ".curve.public-key", null,
					"a secret key is set (" + secretKey.property + ") without its public key",
					"the public key of the same pair, as Z85 text or a file:/classpath: resource");
		}
		CurveKey ownPublic = key(publicKey, false);
		CurveKey ownSecret = key(secretKey, true);
		if (!ownSecret.derivePublicKey().equals(ownPublic)) {
			throw new InvalidZmqPropertyException(publicKey.property, "fingerprint " + ownPublic.fingerprint(),
					"it is not the public key of " + secretKey.property + " (whose public key has fingerprint "
							+ ownSecret.derivePublicKey().fingerprint() + ")",
					"the public and secret key of one pair");
		}
		return new CurveKey[] { ownPublic, ownSecret };
	}

	private static @Nullable Value pick(@Nullable String override, @Nullable String global, String socketPrefix,
			String suffix) {
		if (override != null && !override.isBlank()) {
			return new Value(socketPrefix + suffix, override.trim());
		}
		if (global != null && !global.isBlank()) {
			return new Value("zmq.keepalive" + suffix, global.trim());
		}
		return null;
	}

	private static CurveKey key(Value value, boolean secret) {
		List<String> keys = texts(value.property, value.text, secret);
		if (keys.size() != 1) {
			throw new InvalidZmqPropertyException(value.property, location(value.text, secret),
					"the resource holds " + keys.size() + " keys", "exactly one key");
		}
		return secret ? CurveKey.secretKey(keys.get(0)) : CurveKey.publicKey(keys.get(0));
	}

	private static List<CurveKey> keys(String property, String text) {
		List<CurveKey> keys = new ArrayList<>();
		for (String key : texts(property, text, false)) {
			keys.add(CurveKey.publicKey(key));
		}
		return keys;
	}

	/** The Z85 texts of a value: itself, or the key lines of the resource it names. */
	private static List<String> texts(String property, String text, boolean secret) {
		List<String> keys = new ArrayList<>();
		if (isResource(text)) {
			for (String line : read(property, text).split("\\R")) {
				String key = line.strip();
				if (!key.isEmpty() && !key.startsWith("#")) {
					keys.add(checked(property, text, key, secret, keys.size() + 1));
				}
			}
		}
		else {
			keys.add(checked(property, text, text, secret, 0));
		}
		return keys;
	}

	private static String checked(String property, String text, String key, boolean secret, int line) {
		String problem = CurveKey.problem(key);
		if (problem != null) {
			throw new InvalidZmqPropertyException(property, location(text, secret),
					((line > 0) ? "key " + line + " of the resource: " : "") + problem,
					"a CURVE key as 40 characters of Z85 text (as zmq_curve_keypair and ZMQ.Curve.generateKeyPair "
							+ "make them), or file:/path or classpath:path of a file holding it");
		}
		return key;
	}

	private static String read(String property, String location) {
		Resource resource = resources.getResource(location);
		if (!resource.exists()) {
			throw new InvalidZmqPropertyException(property, location, "no such resource",
					"file:/path or classpath:path of a readable file holding the key");
		}
		try (InputStream in = resource.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new InvalidZmqPropertyException(property, location, "cannot be read (" + ex.getClass().getSimpleName()
					+ ")", "file:/path or classpath:path of a readable file holding the key");
		}
	}

	private static boolean isResource(String text) {
		return text.startsWith("file:") || text.startsWith("classpath:");
	}

	/** What an error may show of a value: a resource's location, never key text. */
	private static String location(String text, boolean secret) {
		return isResource(text) ? text : NOT_SHOWN;
	}

	private record Value(String property, String text) {

		@Override
		public String toString() {
			return this.property;
		}

	}

}
