package dev.zmqkeepalive.sample;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.zmqkeepalive.envelope.MissingMessages;
import dev.zmqkeepalive.envelope.ZmqMessagesLostEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log line of a gap, which the NAT lab reads.
 */
@ExtendWith(OutputCaptureExtension.class)
class SocketEventLoggerTests {

	@Test
	void whenMessagesAreLostThenOneLineNamesTheSocketThePublisherAndTheRange(CapturedOutput output) {
		UUID publisher = UUID.fromString("11111111-2222-3333-4444-555555555555");
		new SocketEventLogger().onMessagesLost(new ZmqMessagesLostEvent(this, "ticks-in",
				new MissingMessages(publisher, 4, 6), Instant.parse("2026-11-25T12:00:00Z")));
		assertThat(output.getAll()).contains(
				"zmq lost socket=ticks-in publisher=11111111-2222-3333-4444-555555555555 missing=4..6 count=3");
	}

}
