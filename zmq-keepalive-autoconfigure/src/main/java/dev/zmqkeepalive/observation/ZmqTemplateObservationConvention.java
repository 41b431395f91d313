package dev.zmqkeepalive.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags {@code ZmqTemplate} observations. Define a bean of this type to
 * replace {@link DefaultZmqTemplateObservationConvention}.
 *
 * @author zmq-keepalive
 */
public interface ZmqTemplateObservationConvention extends ObservationConvention<ZmqSenderContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof ZmqSenderContext;
	}

}
