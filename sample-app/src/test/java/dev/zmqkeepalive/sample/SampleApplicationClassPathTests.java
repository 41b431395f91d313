package dev.zmqkeepalive.sample;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application, like any application built on the starter, runs on exactly one
 * JeroMQ: the patched {@code zmq-keepalive-jeromq}, never also {@code org.zeromq:jeromq}.
 */
class SampleApplicationClassPathTests {

	@Test
	void runsOnThePatchedJeromqAndOnNoOtherCopy() throws IOException {
		List<URL> copies = Collections
			.list(getClass().getClassLoader().getResources("zmq/poll/PollerBase.class"));
		assertThat(copies).singleElement().asString().contains("zmq-keepalive-jeromq");
	}

}
