package dev.cognitowa.otp.sender.limits;

import java.time.Duration;
import java.time.Instant;

/**
 * A fixed counting window, aligned to UTC epoch time: every container agrees on where one ends,
 * with no state but the counter itself.
 */
enum Window {
  MINUTE(Duration.ofMinutes(1), "1m", "minute"),
  QUARTER_HOUR(Duration.ofMinutes(15), "15m", "quarter hour"),
  DAY(Duration.ofDays(1), "1d", "day");

  private final long seconds;
  private final String code;
  private final String label;

  Window(Duration length, String code, String label) {
    this.seconds = length.toSeconds();
    this.code = code;
    this.label = label;
  }

  /**
   * The counter id of {@code scope} in the window {@code now} falls in, e.g. {@code
   * whatsapp#pool#eu-west-1_X#1m#1764658800}: a window of each length has ids of its own, even
   * where a day and its first quarter hour start at the same second.
   */
  String counterId(String scope, Instant now) {
    return scope + "#" + code + "#" + startOf(now).getEpochSecond();
  }

  /** The start of the window {@code now} falls in. */
  Instant startOf(Instant now) {
    long epoch = now.getEpochSecond();
    return Instant.ofEpochSecond(epoch - Math.floorMod(epoch, seconds));
  }

  /** The end of the window {@code now} falls in (the next one's start). */
  Instant endOf(Instant now) {
    return startOf(now).plusSeconds(seconds);
  }

  /** How the log says it, e.g. {@code quarter hour}. */
  String label() {
    return label;
  }
}
