package dev.zmqkeepalive.autoconfigure;

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapperImpl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the shape of {@link ZmqKeepaliveProperties}: one class of socket options for
 * the defaults and for each socket, under the names users have always typed.
 */
class ZmqKeepalivePropertiesTests {

	private static final List<String> OPTIONS = List.of("backlog", "heartbeat.interval", "heartbeat.timeout",
			"heartbeat.ttl", "reconnect.connect-timeout", "reconnect.interval", "reconnect.max-interval", "tcp.count",
			"tcp.enabled", "tcp.idle", "tcp.interval", "max-message-size", "curve.server-key", "curve.public-key",
			"curve.secret-key", "curve.allowed-clients");

	/**
	 * CURVE is off unless keys are written; the largest frame, when not written, depends on
	 * the socket's type.
	 */
	private static final List<String> WITHOUT_DEFAULT = List.of("curve.server-key", "curve.public-key",
			"curve.secret-key", "curve.allowed-clients", "max-message-size");

	@Test
	void whenAnOptionIsAddedOnceThenItIsBothADefaultAndAPerSocketKey() {
		List<String> options = keys(SocketOptionProperties.class);
		assertThat(options).containsExactlyInAnyOrderElementsOf(OPTIONS);
		assertThat(ZmqPropertyKeys.ROOT).containsAll(options);
		assertThat(ZmqPropertyKeys.SOCKET).containsAll(options);
	}

	@Test
	void whenKeysAreListedThenTheNamesUsersTypeAreUnchanged() {
		assertThat(ZmqPropertyKeys.ROOT).containsExactlyInAnyOrder("backlog", "enabled", "event-queue-capacity",
				"handshake-timeout", "max-message-size", "curve.server-key", "curve.public-key", "curve.secret-key",
				"curve.allowed-clients", "heartbeat.interval", "heartbeat.timeout", "heartbeat.ttl", "io-threads",
				"reconnect.connect-timeout", "reconnect.interval", "reconnect.max-interval", "tcp.count", "tcp.enabled",
				"tcp.idle", "tcp.interval", "template.observation-enabled", "listener.observation-enabled",
				"observation.topic-tag");
		assertThat(ZmqPropertyKeys.SOCKET).containsExactlyInAnyOrder("type", "bind", "connect", "topics",
				"silence-timeout", "linger", "send-hwm", "receive-hwm", "send-queue-capacity", "send-timeout", "envelope", "backlog",
				"max-message-size", "curve.server-key", "curve.public-key", "curve.secret-key", "curve.allowed-clients",
				"heartbeat.interval", "heartbeat.timeout", "heartbeat.ttl", "reconnect.connect-timeout",
				"reconnect.interval", "reconnect.max-interval", "tcp.count", "tcp.enabled", "tcp.idle", "tcp.interval");
	}

	@Test
	void whenNothingIsWrittenThenTheDefaultsHoldEveryValue() {
		ZmqKeepaliveProperties defaults = new ZmqKeepaliveProperties();
		BeanWrapperImpl wrapper = new BeanWrapperImpl(defaults);
		for (String option : OPTIONS) {
			if (WITHOUT_DEFAULT.contains(option)) {
				assertThat(wrapper.getPropertyValue(beanPath(option))).as(option).isNull();
				continue;
			}
			assertThat(wrapper.getPropertyValue(beanPath(option))).as(option).isNotNull();
		}
	}

	@Test
	void whenASocketWritesNothingThenEveryOptionIsUnsetAndFallsBackToTheDefault() {
		BeanWrapperImpl wrapper = new BeanWrapperImpl(new ZmqKeepaliveProperties.Socket());
		for (String option : OPTIONS) {
			assertThat(wrapper.getPropertyValue(beanPath(option))).as(option).isNull();
		}
		assertThat(new ZmqKeepaliveProperties.Socket().getLinger()).isNotNull();
	}

	private static String beanPath(String key) {
		StringBuilder path = new StringBuilder();
		boolean upper = false;
		for (char c : key.toCharArray()) {
			if (c == '-') {
				upper = true;
			}
			else {
				path.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return path.toString();
	}

	private static List<String> keys(Class<?> type) {
		List<String> keys = new ArrayList<>();
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
			if (descriptor.getName().equals("class")) {
				continue;
			}
			if (ZmqPropertyKeys.isGroup(descriptor)) {
				keys(descriptor.getPropertyType())
					.forEach((key) -> keys.add(descriptor.getName() + "." + key));
			}
			else {
				keys.add(org.springframework.boot.context.properties.bind.DataObjectPropertyName
					.toDashedForm(descriptor.getName()));
			}
		}
		return keys;
	}

}
