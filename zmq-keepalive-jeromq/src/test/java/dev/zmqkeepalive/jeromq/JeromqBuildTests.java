package dev.zmqkeepalive.jeromq;

import java.lang.reflect.Method;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The class path holds the JeroMQ build the run says it tests, so a regression test that
 * passes on "stock" really met the stock classes.
 */
class JeromqBuildTests {

	@Test
	void classPathHoldsTheBuildUnderTest() throws ClassNotFoundException {
		Class<?> timerInfo = Class.forName("zmq.poll.PollerBase$TimerInfo");
		boolean timerEquality = Arrays.stream(timerInfo.getDeclaredMethods()).map(Method::getName)
			.anyMatch("equals"::equals);
		assertThat(timerEquality).as("PollerBase.TimerInfo declares equals() (stock JeroMQ does, the patched build not)")
			.isEqualTo(!JeromqBuild.underTest().isPatched());
	}

	@Test
	void patchedBuildCarriesItsNoticeLicenceAndPatches() {
		ClassLoader loader = getClass().getClassLoader();
		boolean patched = JeromqBuild.underTest().isPatched();
		assertThat(loader.getResource("META-INF/NOTICE.txt") != null).isEqualTo(patched);
		assertThat(loader.getResource("META-INF/LICENSE-MPL-2.0.txt") != null).isEqualTo(patched);
		assertThat(loader.getResource(
				"META-INF/zmq-keepalive/patches/0001-poller-timers-and-handle-registration.patch") != null)
			.isEqualTo(patched);
	}

}
