package dev.zmqkeepalive.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Refuses keys under {@code zmq.keepalive} that the starter does not know. Spring Boot
 * binds what it recognises and ignores the rest, so without this a misspelled
 * {@code silence-timout} or {@code conect} would start fine and silently do nothing.
 * Keys are compared the way Spring Boot binds them: relaxed ({@code silenceTimeout},
 * {@code SILENCETIMEOUT}), with list indexes ({@code bind[0]}) and, from environment
 * variables, with underscores for dashes.
 *
 * @author zmq-keepalive
 */
final class UnknownZmqPropertyCheck {

	private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("zmq.keepalive");

	private static final String SOCKETS = "sockets";

	/** First elements of the keys that are groups: sockets, tcp, heartbeat, reconnect. */
	private static final java.util.Set<String> GROUPS = groups();

	private static final Pattern EMPTY_SOCKET_NAME = Pattern.compile("zmq\\.keepalive\\.sockets(\\.\\s*(\\.|$)|\\[\\s*\\])");

	private UnknownZmqPropertyCheck() {
	}

	private static java.util.Set<String> groups() {
		java.util.Set<String> groups = new java.util.HashSet<>();
		groups.add(SOCKETS);
		for (String key : ZmqPropertyKeys.ROOT) {
			int dot = key.indexOf('.');
			if (dot > 0) {
				groups.add(uniform(key.substring(0, dot)));
			}
		}
		return java.util.Set.copyOf(groups);
	}

	/**
	 * Check every key under {@code zmq.keepalive} in the environment.
	 * @param environment the application's environment
	 * @throws UnknownZmqPropertyException naming every unknown key
	 */
	static void check(Environment environment) {
		emptySocketNames(environment);
		Map<ConfigurationPropertyName, UnknownZmqPropertyException.UnknownKey> unknown = new LinkedHashMap<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (!(source instanceof IterableConfigurationPropertySource iterable)) {
				continue;
			}
			boolean environmentVariables = source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource;
			iterable.filter(ROOT::isAncestorOf).forEach((name) -> {
				if (!unknown.containsKey(name)) {
					UnknownZmqPropertyException.UnknownKey key = check(name, environmentVariables, source);
					if (key != null) {
						unknown.put(name, key);
					}
				}
			});
		}
		if (!unknown.isEmpty()) {
			throw new UnknownZmqPropertyException(new ArrayList<>(unknown.values()));
		}
	}

	private static UnknownZmqPropertyException.@Nullable UnknownKey check(ConfigurationPropertyName name,
			boolean environmentVariables, ConfigurationPropertySource source) {
		int first = ROOT.getNumberOfElements();
		if (environmentVariables && !GROUPS.contains(name.getElement(first, Form.UNIFORM))) {
			// An environment variable maps to a property by its name alone: ZMQ_KEEPALIVE_LAB
			// or ZMQ_KEEPALIVE_HOME, set for something else, would otherwise stop the
			// application. Variables are judged only inside the starter's own groups
			// (ZMQ_KEEPALIVE_SOCKETS_..., _TCP_..., _HEARTBEAT_..., _RECONNECT_...), where
			// nothing but a misspelled key can be meant.
			return null;
		}
		String scope = ROOT.toString();
		List<String> validKeys = ZmqPropertyKeys.ROOT;
		if (name.getElement(first, Form.UNIFORM).equals(SOCKETS)) {
			if (name.getNumberOfElements() == first + 2) {
				socketWithAValue(name, source);
			}
			if (name.getNumberOfElements() < first + 3) {
				// zmq.keepalive.sockets, or a socket declared with no keys (reported when its
				// type is checked).
				return null;
			}
			scope = ROOT + ".sockets." + name.getElement(first + 1, Form.ORIGINAL);
			validKeys = ZmqPropertyKeys.SOCKET;
			first += 2;
		}
		List<String> elements = new ArrayList<>();
		for (int i = first; i < name.getNumberOfElements() && !name.isNumericIndex(i); i++) {
			elements.add(name.getElement(i, Form.UNIFORM));
		}
		if (isKnown(elements, validKeys, environmentVariables)) {
			return null;
		}
		StringBuilder written = new StringBuilder();
		for (int i = first; i < name.getNumberOfElements(); i++) {
			written.append((written.length() > 0 && !name.isNumericIndex(i)) ? "." : "");
			written.append(name.isNumericIndex(i) ? "[" + name.getElement(i, Form.ORIGINAL) + "]"
					: name.getElement(i, Form.ORIGINAL));
		}
		ConfigurationProperty property = source.getConfigurationProperty(name);
		String origin = (property != null) ? origin(property.getOrigin()) : null;
		String closest = closest(String.join(".", elements), validKeys);
		String genericScope = scope.startsWith(ROOT + ".sockets.") ? ROOT + ".sockets.<name>" : scope;
		return new UnknownZmqPropertyException.UnknownKey(scope + "." + written, origin, scope + "." + closest,
				genericScope, validKeys);
	}

	/**
	 * {@code sockets..type} or a YAML key {@code ""}: Spring Boot drops the empty name and
	 * would then bind {@code type} as the name of a socket, failing with a converter
	 * error that does not say what is wrong.
	 */
	private static void emptySocketNames(Environment environment) {
		if (!(environment instanceof ConfigurableEnvironment configurable)) {
			return;
		}
		for (PropertySource<?> source : configurable.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String name : enumerable.getPropertyNames()) {
					if (EMPTY_SOCKET_NAME.matcher(name).lookingAt()) {
						throw new InvalidZmqPropertyException(ROOT + ".sockets", "",
								"a socket name is empty in '" + name + "'" + originText(source, name)
										+ "; socket names appear in health URLs, metric tags and thread names",
								"letters, digits, '-', '_' and '.', such as " + ROOT + ".sockets.ticks.type");
					}
				}
			}
		}
	}

	private static String originText(PropertySource<?> source, String name) {
		String origin = origin(PropertySourceOrigin.get(source, name));
		return (origin != null) ? " (" + origin + ")" : "";
	}

	/**
	 * {@code sockets.ticks=pub} (or YAML {@code ticks: pub}): Spring Boot would fail
	 * converting the text to a socket, without saying that a socket takes keys.
	 */
	private static void socketWithAValue(ConfigurationPropertyName name, ConfigurationPropertySource source) {
		ConfigurationProperty property = source.getConfigurationProperty(name);
		Object value = (property != null) ? property.getValue() : null;
		if (value != null && !value.toString().isBlank()) {
			throw new InvalidZmqPropertyException(name.toString(), value,
					"a socket takes keys such as type and bind, not a value",
					"keys under " + name + ": " + String.join(", ", ZmqPropertyKeys.SOCKET) + " (for example "
							+ name + ".type=" + value + ")");
		}
	}

	private static @Nullable String origin(@Nullable Origin origin) {
		if (origin instanceof PropertySourceOrigin source) {
			// Its own text repeats the key; the source's name is what helps.
			return (source.getOrigin() != null) ? origin(source.getOrigin())
					: "from property source '" + source.getPropertySource().getName() + "'";
		}
		return (origin != null) ? "from " + origin : null;
	}

	private static boolean isKnown(List<String> elements, List<String> validKeys, boolean environmentVariables) {
		if (elements.isEmpty()) {
			return true;
		}
		String key = String.join(".", elements);
		for (String valid : validKeys) {
			String uniform = uniform(valid);
			if (uniform.equals(key) || uniform.startsWith(key + ".")) {
				// A key, or a group written on its own (an empty YAML mapping).
				return true;
			}
			if (environmentVariables && uniform.replace(".", "").equals(key.replace(".", ""))) {
				// SOCKETS_X_SEND_HWM: environment variables may write dashes as underscores.
				return true;
			}
		}
		return false;
	}

	private static String uniform(String key) {
		return key.replace("-", "").toLowerCase(Locale.ROOT);
	}

	static String closest(String key, List<String> validKeys) {
		String best = validKeys.get(0);
		int bestDistance = Integer.MAX_VALUE;
		for (String valid : validKeys) {
			int distance = distance(uniform(key), uniform(valid));
			if (uniform(valid).endsWith("." + uniform(key)) || uniform(valid).startsWith(uniform(key))) {
				// "idle" for "tcp.idle" (the group left out), "reconnect.max" for
				// "reconnect.max-interval" (cut short).
				distance = 0;
			}
			if (distance < bestDistance) {
				best = valid;
				bestDistance = distance;
			}
		}
		return best;
	}

	/** Levenshtein distance. */
	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
