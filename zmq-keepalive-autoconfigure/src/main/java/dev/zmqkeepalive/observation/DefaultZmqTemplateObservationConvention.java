package dev.zmqkeepalive.observation;

import io.micrometer.common.KeyValues;

import dev.zmqkeepalive.observation.ZmqObservationDocumentation.LowCardinalityTags;

/**
 * Observation {@code zmq.template}, tagged {@code socket} and {@code type}, and
 * {@code topic} when the application says its topics are a bounded set; spans are named
 * {@code "<socket> send"}.
 *
 * @author zmq-keepalive
 */
public class DefaultZmqTemplateObservationConvention implements ZmqTemplateObservationConvention {

	private final boolean topicTag;

	/**
	 * Create a convention.
	 * @param topicTag whether to tag the topic (only for a small, bounded set of topics)
	 */
	public DefaultZmqTemplateObservationConvention(boolean topicTag) {
		this.topicTag = topicTag;
	}

	/** Create a convention without the topic tag. */
	public DefaultZmqTemplateObservationConvention() {
		this(false);
	}

	@Override
	public String getName() {
		return "zmq.template";
	}

	@Override
	public String getContextualName(ZmqSenderContext context) {
		return context.getSocketName() + " send";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ZmqSenderContext context) {
		return LowCardinalityTags.of(context.getSocketName(), context.getSocketType(), context.getTopic(),
				this.topicTag);
	}

}
