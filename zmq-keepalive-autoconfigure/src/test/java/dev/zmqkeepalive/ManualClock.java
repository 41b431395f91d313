package dev.zmqkeepalive;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that only moves when a test moves it, so time-based rules are tested without
 * waiting in real time.
 */
public final class ManualClock extends Clock {

	private volatile Instant now;

	public ManualClock() {
		this(Instant.parse("2026-01-01T00:00:00Z"));
	}

	public ManualClock(Instant start) {
		this.now = start;
	}

	/** Move the clock forward. */
	public void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
