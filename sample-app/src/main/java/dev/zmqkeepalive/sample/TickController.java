package dev.zmqkeepalive.sample;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /ticks?count=N} publishes N ticks at once and returns their sequence
 * numbers.
 */
@RestController
@ConditionalOnBean(TickPublisher.class)
public class TickController {

	private static final int MAX_COUNT = 100_000;

	private final TickPublisher publisher;

	public TickController(TickPublisher publisher) {
		this.publisher = publisher;
	}

	@PostMapping("/ticks")
	List<Long> publish(@RequestParam(defaultValue = "1") int count) {
		if (count < 1 || count > MAX_COUNT) {
			throw new org.springframework.web.server.ResponseStatusException(
					org.springframework.http.HttpStatus.BAD_REQUEST, "count must be 1 to " + MAX_COUNT);
		}
		List<Long> sent = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			sent.add(this.publisher.publish());
		}
		return sent;
	}

}
