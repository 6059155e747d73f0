package dev.cognitowa.otp.cli.report;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * One channel and country of the funnel.
 *
 * @param sent paid sends whose code is used within minutes (sign-up, reset, sign-in)
 * @param other paid sends of temporary passwords and attribute codes, not in the conversion
 * @param delivered messages a status said were delivered (tracked messages only)
 * @param read messages a status said were read
 * @param verified codes used (Post confirmation / Post authentication)
 * @param failed late failures the status path saw
 * @param refused sends refused by a limit or the conversion breaker (nothing paid)
 * @param medianTimeToVerify null when nothing was verified in the kept sends
 * @param costPerVerified null when the price is unknown or nothing was verified
 */
public record FunnelRow(
    String channel,
    String country,
    long sent,
    long other,
    long delivered,
    long read,
    long verified,
    long failed,
    long refused,
    Duration medianTimeToVerify,
    BigDecimal costPerVerified) {
  /** Verified over sent, 0..1; 0 with nothing sent. */
  public double conversion() {
    return sent == 0 ? 0 : Math.min(1.0, (double) verified / sent);
  }
}
