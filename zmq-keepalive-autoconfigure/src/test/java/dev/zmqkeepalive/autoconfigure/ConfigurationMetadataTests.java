package dev.zmqkeepalive.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.DataObjectPropertyName;

import dev.zmqkeepalive.socket.ZmqSocketType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What IDEs get for {@code zmq.keepalive.*}: the generated
 * {@code META-INF/spring-configuration-metadata.json} (global keys with descriptions and
 * defaults, the socket map with its value type, hints), and the value type itself, which
 * is all the metadata format can say about per-socket keys: IDEs (Spring Tools for VS
 * Code and Eclipse, IntelliJ IDEA) complete {@code sockets.<name>.} from that type's
 * getters, superclass included.
 */
class ConfigurationMetadataTests {

	private final DocumentContext metadata = read();

	@Test
	void whenTheMetadataIsGeneratedThenEveryGlobalKeyHasADescriptionAndItsDefault() {
		for (String key : ZmqPropertyKeys.ROOT) {
			Map<String, Object> property = property("zmq.keepalive." + key);
			assertThat(property).as(key).containsKey("description");
			if (key.equals("max-message-size")) {
				// The default depends on the socket's type: the description gives both.
				assertThat(property.get("description").toString()).as(key).contains("64KB for pub and push", "1MB for");
			}
			else if (!key.startsWith("curve.")) {
				// CURVE is off until keys are written: its keys have no default.
				assertThat(property).as(key).containsKey("defaultValue");
			}
		}
		assertThat(property("zmq.keepalive.backlog")).containsEntry("defaultValue", 4096);
		assertThat(property("zmq.keepalive.tcp.idle")).containsEntry("defaultValue", "60s");
	}

	@Test
	void whenAnIdeLooksAtTheSocketMapThenItFindsTheSocketTypeAndOpenEndedNameHints() {
		assertThat(property("zmq.keepalive.sockets")).containsEntry("type",
				"java.util.Map<java.lang.String,dev.zmqkeepalive.autoconfigure.ZmqKeepaliveProperties$Socket>");
		List<Map<String, Object>> hints = this.metadata.read("$.hints[?(@.name == 'zmq.keepalive.sockets.keys')]");
		assertThat(hints).singleElement().satisfies((hint) -> {
			assertThat(hint.get("values").toString()).contains("ticks");
			// The example is one name among any: without this, a tool may flag other names.
			assertThat(hint.get("providers").toString()).contains("any");
		});
	}

	@Test
	void whenAnIdeNavigatesTheSocketTypeThenItFindsEveryPerSocketKey() {
		List<String> keys = new ArrayList<>();
		getterKeys(ZmqKeepaliveProperties.Socket.class, "", keys);
		assertThat(keys).containsExactlyInAnyOrderElementsOf(ZmqPropertyKeys.SOCKET);
	}

	@Test
	void whenAnIdeCompletesASocketTypeThenItOffersTheEnumsValues() throws Exception {
		Class<?> type = ZmqKeepaliveProperties.Socket.class.getMethod("getType").getReturnType();
		assertThat(type).isEqualTo(ZmqSocketType.class);
		assertThat(ZmqSocketType.values()).extracting(ZmqSocketType::id)
			.containsExactly("pub", "sub", "xpub", "xsub", "push", "pull");
	}

	/**
	 * Keys the way an IDE derives them from a map's value type: public getters, walking
	 * up the superclasses, into nested types that are not values.
	 */
	private static void getterKeys(Class<?> type, String prefix, List<String> keys) {
		for (Class<?> current = type; current != Object.class; current = current.getSuperclass()) {
			for (Method method : current.getDeclaredMethods()) {
				if (!Modifier.isPublic(method.getModifiers()) || Modifier.isStatic(method.getModifiers())
						|| method.getParameterCount() != 0 || !method.getName().matches("(get|is)[A-Z].*")) {
					continue;
				}
				String name = method.getName().replaceFirst("^(get|is)", "");
				String key = prefix + DataObjectPropertyName.toDashedForm(
						Character.toLowerCase(name.charAt(0)) + name.substring(1));
				Class<?> returned = method.getReturnType();
				if (returned.getName().startsWith(ZmqKeepaliveProperties.class.getPackageName() + ".")) {
					getterKeys(returned, key + ".", keys);
				}
				else {
					keys.add(key);
				}
			}
		}
	}

	private Map<String, Object> property(String name) {
		List<Map<String, Object>> found = this.metadata.read("$.properties[?(@.name == '" + name + "')]");
		assertThat(found).as(name).hasSize(1);
		return found.get(0);
	}

	private static DocumentContext read() {
		try (InputStream json = ConfigurationMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(json).as("generated metadata").isNotNull();
			return JsonPath.parse(json);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
