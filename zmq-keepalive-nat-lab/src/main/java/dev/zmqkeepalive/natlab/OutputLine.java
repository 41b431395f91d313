package dev.zmqkeepalive.natlab;

import java.time.Instant;

/**
 * One line a lab process printed, stamped when the lab read it.
 *
 * @param time when the line was read
 * @param process name of the process that printed it
 * @param text the line, without its terminator
 */
public record OutputLine(Instant time, String process, String text) {

	@Override
	public String toString() {
		return this.time + " [" + this.process + "] " + this.text;
	}

}
