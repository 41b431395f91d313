package dev.zmqkeepalive.listener;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Marks a bean method as the listener of a managed socket. The method runs on the
 * socket's own thread, one message at a time, in arrival order. Accepted signatures:
 * <ul>
 * <li>{@code (ZmqMessage message)}: every message, any number of frames;</li>
 * <li>{@code (String payload)} or {@code (byte[] payload)};</li>
 * <li>{@code (String topic, String payload)}, {@code (String topic, byte[] payload)} or
 * {@code (byte[] topic, byte[] payload)};</li>
 * <li>{@code (P payload)} or {@code (String topic, P payload)} for any other type
 * {@code P} a {@link dev.zmqkeepalive.convert.ZmqPayloadConverter payload converter}
 * reads: a record or POJO as JSON when Jackson is on the class path. A payload that does
 * not convert is logged, counted ({@code zmq.socket.messages.conversion.failures}) and
 * skipped.</li>
 * </ul>
 * Text is decoded as UTF-8. The topic/payload forms accept messages of one frame (empty
 * topic) or two; a message of more frames is logged as rejected and counted. An
 * exception thrown by the method is logged and counted; the socket goes on receiving.
 *
 * <pre class="code">
 * &#64;ZmqListener(socket = "ticks-in")
 * void onTick(String topic, String payload) { ... }
 * </pre>
 *
 * @author zmq-keepalive
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ZmqListener {

	/**
	 * Name of the socket under {@code zmq.keepalive.sockets}.
	 * @return the socket name
	 */
	@AliasFor("socket")
	String value() default "";

	/**
	 * Name of the socket under {@code zmq.keepalive.sockets}.
	 * @return the socket name
	 */
	@AliasFor("value")
	String socket() default "";

	/**
	 * Topic prefixes this method takes: a message whose topic starts with none of them
	 * is not passed to it (nor counted against it), so methods with different payload
	 * types can share a socket. Empty: every message of the socket. On a {@code sub}
	 * socket this chooses among what the socket subscribes to
	 * ({@code zmq.keepalive.sockets.<name>.topics}).
	 * @return the topic prefixes
	 */
	String[] topics() default {};

}
