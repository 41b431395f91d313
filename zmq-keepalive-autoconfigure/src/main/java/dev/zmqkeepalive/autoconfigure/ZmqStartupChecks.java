package dev.zmqkeepalive.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Checks that need nothing but the configuration and the bean definitions, run once every
 * bean definition is known and before any bean is created (so before the properties are
 * bound and before any socket opens): keys the starter does not know, empty socket
 * names, and {@code @ZmqListener} mistakes.
 *
 * @author zmq-keepalive
 * @see UnknownZmqPropertyCheck
 * @see ZmqListenerCheck
 */
final class ZmqStartupChecks implements BeanFactoryPostProcessor, EnvironmentAware, Ordered {

	private @Nullable Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
		if (this.environment != null) {
			UnknownZmqPropertyCheck.check(this.environment);
			ZmqListenerCheck.check(beanFactory, this.environment);
		}
	}

}
