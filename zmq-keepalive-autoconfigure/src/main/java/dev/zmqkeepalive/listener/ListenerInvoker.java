package dev.zmqkeepalive.listener;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.micrometer.observation.Observation;

import dev.zmqkeepalive.messaging.SocketMessaging;
import dev.zmqkeepalive.observation.ZmqObservationDocumentation;
import dev.zmqkeepalive.observation.ZmqReceiverContext;
import dev.zmqkeepalive.socket.ZmqMessage;
import dev.zmqkeepalive.socket.ZmqMessageListener;

/**
 * Delivers a socket's messages to one {@code @ZmqListener} method: takes the envelope
 * off (counting loss once per message, however many listeners the socket has), observes
 * the call when observations are on (continuing the sender's trace from the envelope),
 * and logs and counts a payload that does not convert instead of failing: the next
 * message is delivered as usual.
 *
 * @author zmq-keepalive
 */
final class ListenerInvoker implements ZmqMessageListener {

	private static final Log logger = LogFactory.getLog(ListenerInvoker.class);

	private final ListenerMethodAdapter adapter;

	private final SocketMessaging messaging;

	private final @Nullable ListenerObservation observation;

	private final List<byte[]> topics;

	private long conversionFailures;

	ListenerInvoker(ListenerMethodAdapter adapter, SocketMessaging messaging, @Nullable ListenerObservation observation,
			String[] topics) {
		this.adapter = adapter;
		this.messaging = messaging;
		this.observation = observation;
		this.topics = Arrays.stream(topics).map((topic) -> topic.getBytes(StandardCharsets.UTF_8)).toList();
	}

	@Override
	public void onMessage(ZmqMessage raw) throws Exception {
		SocketMessaging.Inbound inbound = this.messaging.open(raw);
		if (!takes(inbound.message().topic())) {
			return;
		}
		ListenerObservation observation = this.observation;
		if (observation == null) {
			deliver(inbound.message(), null);
			return;
		}
		ZmqReceiverContext context = new ZmqReceiverContext(this.messaging.name(), this.messaging.type(),
				inbound.message().topicAsString(), this.adapter.toString(), inbound.headers());
		Observation listening = ZmqObservationDocumentation.LISTENER
			.observation(observation.convention(), observation.defaultConvention(), () -> context,
					observation.registry())
			.start();
		try (Observation.Scope scope = listening.openScope()) {
			deliver(inbound.message(), listening);
		}
		catch (Exception ex) {
			listening.error(ex);
			throw ex;
		}
		finally {
			listening.stop();
		}
	}

	private boolean takes(byte[] topic) {
		if (this.topics.isEmpty()) {
			return true;
		}
		for (byte[] prefix : this.topics) {
			if (topic.length >= prefix.length
					&& Arrays.equals(topic, 0, prefix.length, prefix, 0, prefix.length)) {
				return true;
			}
		}
		return false;
	}

	private void deliver(ZmqMessage message, @Nullable Observation observation) throws Exception {
		try {
			this.adapter.onMessage(message);
		}
		catch (ListenerMethodAdapter.PayloadNotConverted ex) {
			this.messaging.conversionFailed();
			this.conversionFailures++;
			if (observation != null) {
				observation.error(ex.conversionFailure());
			}
			String text = "Message on socket '" + this.messaging.name() + "' (topic of " + message.topic().length
					+ " bytes) not delivered to " + this.adapter + ": " + ex.getMessage();
			if (this.conversionFailures == 1) {
				logger.warn(text + ". Counted in zmq.socket.messages.conversion.failures; further ones for this "
						+ "listener are logged at DEBUG");
			}
			else if (logger.isDebugEnabled()) {
				logger.debug(text);
			}
		}
	}

	@Override
	public String toString() {
		return this.adapter.toString();
	}

}
