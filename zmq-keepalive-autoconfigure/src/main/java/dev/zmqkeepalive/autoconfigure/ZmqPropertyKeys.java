package dev.zmqkeepalive.autoconfigure;

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;

/**
 * The keys users may write under {@code zmq.keepalive}, read from the properties class
 * tree itself, so a new option is known here as soon as it has a getter and a setter.
 * A read-only property whose type is one of the starter's own property classes (such as
 * {@code tcp}) is a group: its keys are listed with the group's name in front
 * ({@code tcp.idle}).
 *
 * @author zmq-keepalive
 */
final class ZmqPropertyKeys {

	/** Keys directly under {@code zmq.keepalive}, without {@code sockets}. */
	static final List<String> ROOT = keys(ZmqKeepaliveProperties.class, "");

	/** Keys under {@code zmq.keepalive.sockets.<name>}. */
	static final List<String> SOCKET = keys(ZmqKeepaliveProperties.Socket.class, "");

	private ZmqPropertyKeys() {
	}

	private static List<String> keys(Class<?> type, String prefix) {
		List<String> keys = new ArrayList<>();
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
			if (descriptor.getReadMethod() == null || descriptor.getName().equals("class")) {
				continue;
			}
			String key = prefix + DataObjectPropertyName.toDashedForm(descriptor.getName());
			if (type == ZmqKeepaliveProperties.class && key.equals("sockets")) {
				continue;
			}
			if (isGroup(descriptor)) {
				keys.addAll(keys(descriptor.getPropertyType(), key + "."));
			}
			else {
				keys.add(key);
			}
		}
		return Collections.unmodifiableList(keys);
	}

	static boolean isGroup(PropertyDescriptor descriptor) {
		Class<?> type = descriptor.getPropertyType();
		return descriptor.getWriteMethod() == null && !type.isEnum()
				&& type.getName().startsWith(ZmqKeepaliveProperties.class.getPackageName() + ".");
	}

}
