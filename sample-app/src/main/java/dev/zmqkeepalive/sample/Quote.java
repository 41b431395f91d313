package dev.zmqkeepalive.sample;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A price, sent as JSON by {@code ZmqTemplate.convertAndSend} and received as a
 * {@code Quote} parameter by a {@code @ZmqListener} method.
 *
 * @param sequence the publisher's count of quotes
 * @param symbol what is priced
 * @param price the price
 * @param at when it was made
 */
public record Quote(long sequence, String symbol, BigDecimal price, Instant at) {

}
