package dev.zmqkeepalive.observation;

import io.micrometer.common.KeyValues;
import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations the starter makes: {@code zmq.template} around each
 * {@code ZmqTemplate} send, {@code zmq.listener} around each call of a
 * {@code @ZmqListener} method. Their timers are {@code zmq.template} and
 * {@code zmq.listener} in {@code /actuator/metrics}.
 *
 * @author zmq-keepalive
 */
public enum ZmqObservationDocumentation implements ObservationDocumentation {

	/** A send through {@code ZmqTemplate}: from conversion until the message is queued. */
	TEMPLATE {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultZmqTemplateObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityTags.values();
		}

	},

	/** A message handed to a {@code @ZmqListener} method: conversion and the call. */
	LISTENER {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultZmqListenerObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityTags.values();
		}

	};

	/** Tags of both observations. */
	public enum LowCardinalityTags implements KeyName {

		/** Name of the socket. */
		SOCKET {

			@Override
			public String asString() {
				return "socket";
			}

		},

		/** Type of the socket ({@code pub}, {@code sub}, …). */
		TYPE {

			@Override
			public String asString() {
				return "type";
			}

		},

		/**
		 * The topic, only with {@code zmq.keepalive.observation.topic-tag=true}: every
		 * distinct topic makes another timer.
		 */
		TOPIC {

			@Override
			public String asString() {
				return "topic";
			}

			@Override
			public boolean isRequired() {
				return false;
			}

		};

		/**
		 * The tags of one observation, the same for sending and listening.
		 * @param socket the socket's name
		 * @param type the socket's type
		 * @param topic the message's topic
		 * @param topicTag whether to tag the topic
		 * @return the tags
		 */
		static KeyValues of(String socket, String type, String topic, boolean topicTag) {
			KeyValues tags = KeyValues.of(SOCKET.withValue(socket), TYPE.withValue(type));
			return topicTag ? tags.and(TOPIC.withValue(topic)) : tags;
		}

	}

}
