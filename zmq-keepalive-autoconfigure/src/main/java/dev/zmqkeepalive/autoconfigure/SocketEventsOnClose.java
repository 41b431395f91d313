package dev.zmqkeepalive.autoconfigure;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

import dev.zmqkeepalive.event.ZmqSocketEventDispatcher;

/**
 * Ends socket event delivery as soon as the application context begins to close,
 * before anything is stopped or destroyed: no socket event reaches a listener once the
 * context is closing. (A child context's close, which its parent hears too, is not this
 * context's.)
 *
 * @author zmq-keepalive
 */
final class SocketEventsOnClose implements ApplicationListener<ContextClosedEvent> {

	private final ApplicationContext context;

	private final ZmqSocketEventDispatcher events;

	SocketEventsOnClose(ApplicationContext context, ZmqSocketEventDispatcher events) {
		this.context = context;
		this.events = events;
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		if (event.getApplicationContext() == this.context) {
			this.events.stopDelivery();
		}
	}

}
