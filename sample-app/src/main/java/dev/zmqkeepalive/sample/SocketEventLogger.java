package dev.zmqkeepalive.sample;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.zmqkeepalive.event.ZmqSocketEvent;

/**
 * Logs every socket event: connects, disconnects, handshakes, silence.
 */
@Component
public class SocketEventLogger {

	private static final Log logger = LogFactory.getLog(SocketEventLogger.class);

	@EventListener
	void onSocketEvent(ZmqSocketEvent event) {
		logger.info("zmq event socket=" + event.getSocketName() + " kind=" + event.getKind().id() + " endpoint="
				+ event.getEndpoint() + " remote=" + event.getRemoteAddress());
	}

}
