package dev.zmqkeepalive.listener;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import dev.zmqkeepalive.observation.DefaultZmqListenerObservationConvention;
import dev.zmqkeepalive.observation.ZmqListenerObservationConvention;

/**
 * How {@code @ZmqListener} calls are observed: present as a bean when
 * {@code zmq.keepalive.listener.observation-enabled} is {@code true}.
 *
 * @param registry the registry observations go to
 * @param convention a convention replacing the default one, or {@code null}
 * @param defaultConvention the default convention
 * @author zmq-keepalive
 */
public record ListenerObservation(ObservationRegistry registry, @Nullable ZmqListenerObservationConvention convention,
		DefaultZmqListenerObservationConvention defaultConvention) {

}
