package dev.zmqkeepalive.natlab;

import java.time.Duration;

/**
 * One randomised trial of a {@link TrialSeries}: a fault hit a connection of a given age,
 * and this is what the observing side made of it.
 *
 * @param connectionAge time from the connection's completed handshake to the fault
 * @param detection fault to the observer's disconnected event; {@code null} if none came
 * within the observation window
 * @param recovery path back to the first message received; {@code null} if none came
 * @param published messages published once the link was back
 * @param lost of those, how many never arrived
 * @param losses messages lost over the whole round (its reconnect, fault and recovery),
 * counted by the subscriber's meter and by the lab; the two must agree
 * @param exempt why this trial cannot count against the bound, or {@code null} when it
 * counts (used only where the mechanism has nothing to go on yet, e.g. TTL before the
 * first PING; such trials stay in the report)
 */
public record Trial(Duration connectionAge, Duration detection, Duration recovery, int published, int lost,
		LossCounts losses, String exempt) {

	boolean counts() {
		return this.exempt == null;
	}

}
