package dev.zmqkeepalive.benchmarks;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;

/**
 * The publishing application: only the starter's auto-configuration, nothing scanned.
 *
 * @author zmq-keepalive
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration(ZmqKeepaliveAutoConfiguration.class)
class PublisherConfiguration {

}
