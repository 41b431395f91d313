package dev.zmqkeepalive.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags {@code @ZmqListener} observations. Define a bean of this type to
 * replace {@link DefaultZmqListenerObservationConvention}.
 *
 * @author zmq-keepalive
 */
public interface ZmqListenerObservationConvention extends ObservationConvention<ZmqReceiverContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof ZmqReceiverContext;
	}

}
