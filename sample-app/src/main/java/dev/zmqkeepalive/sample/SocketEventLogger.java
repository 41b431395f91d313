package dev.zmqkeepalive.sample;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.zmqkeepalive.envelope.MissingMessages;
import dev.zmqkeepalive.envelope.ZmqMessagesLostEvent;
import dev.zmqkeepalive.event.ZmqSocketEvent;

/**
 * Logs every socket event (connects, disconnects, handshakes, silence) and, with the
 * envelope on, every gap in a publisher's sequence, one line each, for people and the NAT
 * lab to read.
 */
@Component
public class SocketEventLogger {

	private static final Log logger = LogFactory.getLog(SocketEventLogger.class);

	@EventListener
	void onSocketEvent(ZmqSocketEvent event) {
		logger.info("zmq event socket=" + event.getSocketName() + " kind=" + event.getKind().id() + " endpoint="
				+ event.getEndpoint() + " remote=" + event.getRemoteAddress());
	}

	@EventListener
	void onMessagesLost(ZmqMessagesLostEvent event) {
		MissingMessages missing = event.getMissing();
		logger.info("zmq lost socket=" + event.getSocketName() + " publisher=" + missing.publisherId() + " missing="
				+ missing.firstMissing() + ".." + missing.lastMissing() + " count=" + missing.count());
	}

}
