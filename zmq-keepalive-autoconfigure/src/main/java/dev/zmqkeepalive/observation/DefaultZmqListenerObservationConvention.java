package dev.zmqkeepalive.observation;

import io.micrometer.common.KeyValues;

import dev.zmqkeepalive.observation.ZmqObservationDocumentation.LowCardinalityTags;

/**
 * Observation {@code zmq.listener}, tagged {@code socket} and {@code type}, and
 * {@code topic} when the application says its topics are a bounded set; spans are named
 * {@code "<socket> receive"}.
 *
 * @author zmq-keepalive
 */
public class DefaultZmqListenerObservationConvention implements ZmqListenerObservationConvention {

	private final boolean topicTag;

	/**
	 * Create a convention.
	 * @param topicTag whether to tag the topic (only for a small, bounded set of topics)
	 */
	public DefaultZmqListenerObservationConvention(boolean topicTag) {
		this.topicTag = topicTag;
	}

	/** Create a convention without the topic tag. */
	public DefaultZmqListenerObservationConvention() {
		this(false);
	}

	@Override
	public String getName() {
		return "zmq.listener";
	}

	@Override
	public String getContextualName(ZmqReceiverContext context) {
		return context.getSocketName() + " receive";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ZmqReceiverContext context) {
		return LowCardinalityTags.of(context.getSocketName(), context.getSocketType(), context.getTopic(),
				this.topicTag);
	}

}
