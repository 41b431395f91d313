package dev.zmqkeepalive.autoconfigure;

import java.time.Duration;

import org.springframework.beans.factory.DisposableBean;
import org.zeromq.ZContext;

import dev.zmqkeepalive.socket.IoThreadWatch;

/**
 * The auto-configured context's watch on its I/O threads, and its bounded close: the
 * registry's sockets close first (it depends on this bean), then the context, giving up
 * after {@link #CLOSE_BOUND} instead of hanging on a dead I/O thread.
 *
 * @author zmq-keepalive
 */
public final class ZmqIoThreadWatch implements DisposableBean {

	/** How long closing the context may take once every socket has closed. */
	static final Duration CLOSE_BOUND = Duration.ofSeconds(2);

	private final ZContext context;

	private final IoThreadWatch watch;

	ZmqIoThreadWatch(ZContext context, IoThreadWatch watch) {
		this.context = context;
		this.watch = watch;
	}

	/** The watch the registry's sockets report to. */
	public IoThreadWatch watch() {
		return this.watch;
	}

	@Override
	public void destroy() {
		this.watch.closeWithin(this.context, CLOSE_BOUND);
	}

}
