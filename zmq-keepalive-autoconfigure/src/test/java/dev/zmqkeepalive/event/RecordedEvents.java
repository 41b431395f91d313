package dev.zmqkeepalive.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.event.EventListener;

/**
 * Test bean that keeps every socket event it is sent, as an application would receive
 * them.
 */
public class RecordedEvents {

	private final List<ZmqSocketEvent> events = new CopyOnWriteArrayList<>();

	@EventListener
	void on(ZmqSocketEvent event) {
		this.events.add(event);
	}

	public List<ZmqSocketEvent> all() {
		return List.copyOf(this.events);
	}

	public List<ZmqSocketEvent> of(String socket, ZmqSocketEventKind kind) {
		return this.events.stream().filter((e) -> e.getSocketName().equals(socket) && e.getKind() == kind).toList();
	}

	public long count(String socket, ZmqSocketEventKind kind) {
		return of(socket, kind).size();
	}

}
