package dev.zmqkeepalive.sample;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.zmqkeepalive.socket.ManagedSocketRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code sample.ticks.interval=0} switches the timer off; publishing on demand still
 * works.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.profiles.active=publisher", "sample.ticks.interval=0",
				"zmq.keepalive.sockets.ticks.bind=tcp://127.0.0.1:*" })
class TickPublisherTests {

	@Autowired
	TickPublisher publisher;

	@Autowired
	ManagedSocketRegistry sockets;

	@Test
	void intervalZeroStopsTheTimerButNotOnDemandTicks() {
		var ticks = this.sockets.get("ticks").state();
		await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> ticks.messagesOut() == 0);
		assertThat(this.publisher.publish()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(5)).until(() -> ticks.messagesOut() == 1);
	}

}
