package dev.cognitowa.otp.sender.conversion;

import dev.cognitowa.otp.sender.conversion.FunnelCounters.Bucket;
import dev.cognitowa.otp.sender.conversion.FunnelCounters.Counted;
import dev.cognitowa.otp.sender.delivery.SendGuard;
import dev.cognitowa.otp.sender.limits.SendLimitsUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A circuit breaker per channel and country on conversion: once at least {@code minSends} paid
 * sends in the last hour convert below {@code minConversionPercent}, further sends to that country
 * on that channel are refused for {@code openFor}; then it is half-open: sends flow again and are
 * judged afresh after {@code halfOpenSends}. It is a {@link SendGuard} of its own, asked after the
 * send limits; every admitted send through any channel is counted in the funnel (one write), which
 * is also what the breaker reads.
 *
 * <p>The earlier buckets of the window are read once per container every {@link
 * #EARLIER_BUCKETS_TTL} (their {@code sent} no longer changes; their {@code verified} lags a
 * little); the current bucket comes back from the counting write itself.
 */
public final class ConversionBreaker {
  /** What a refusal names as its limit: the setting that decides it. */
  public static final String LIMIT = BreakerSettings.MIN_CONVERSION_PERCENT;

  /**
   * How long a container trusts its copy of an earlier bucket: a code used since counts a little
   * later, which can only delay opening, never open it wrongly.
   */
  static final Duration EARLIER_BUCKETS_TTL = Duration.ofSeconds(30);

  /** Bounds the copy: four buckets per channel and country sent to in the last half minute. */
  static final int MAX_CACHED = 512;

  private final BreakerSettings settings;
  private final FunnelCounters counters;
  private final Clock clock;
  private final Map<String, Cached> earlier = new ConcurrentHashMap<>();

  public ConversionBreaker(BreakerSettings settings, FunnelCounters counters, Clock clock) {
    this.settings = settings;
    this.counters = counters;
    this.clock = clock;
  }

  /** The settings in force. */
  public BreakerSettings settings() {
    return settings;
  }

  /** The funnel's counters, for crediting a used code. */
  public FunnelCounters counters() {
    return counters;
  }

  /**
   * A guard for one event's sends: {@code country} is the number's ISO region; {@code converts}
   * whether its code is one used within minutes (else it is counted, never refused).
   */
  public SendGuard guardFor(String country, boolean converts, Instant deadline) {
    return channel -> admit(channel, country, converts, deadline);
  }

  /**
   * Admits (and counts) or refuses one send.
   *
   * @throws SendLimitsUnavailableException the counters of a guarded channel could not be asked
   *     (nothing is sent, as with the send limits); for other channels a failure only goes
   *     uncounted
   */
  public Optional<SendGuard.Refusal> admit(
      String channel, String country, boolean converts, Instant deadline) {
    boolean guarded = converts && settings.guards(channel);
    try {
      return guarded
          ? judge(channel, country, deadline)
          : count(channel, country, converts, deadline);
    } catch (FunnelUnavailableException e) {
      if (guarded) {
        throw new SendLimitsUnavailableException(e.getMessage());
      }
      return Optional.empty();
    }
  }

  /** Records a refusal by another guard in the funnel; best effort. */
  public void refusedElsewhere(String channel, String country, Instant deadline) {
    try {
      counters.refused(channel, country, clock.instant(), deadline);
    } catch (FunnelUnavailableException e) {
      // the refusal stands either way; the report shows one fewer
    }
  }

  private Optional<SendGuard.Refusal> count(
      String channel, String country, boolean converts, Instant deadline) {
    counters.countSend(channel, country, converts, false, clock.instant(), deadline);
    return Optional.empty();
  }

  private Optional<SendGuard.Refusal> judge(String channel, String country, Instant deadline) {
    Instant now = clock.instant();
    List<Bucket> window = earlierBuckets(channel, country, now, deadline);
    Instant open = latestOpenUntil(window);
    if (open != null && open.isAfter(now)) {
      counters.refused(channel, country, now, deadline);
      return Optional.of(open(channel, country, open));
    }
    Counted counted = counters.countSend(channel, country, true, true, now, deadline);
    if (!counted.admitted()) {
      counters.refused(channel, country, now, deadline);
      return Optional.of(open(channel, country, counted.bucket().openUntil()));
    }
    window.add(counted.bucket());
    Instant lastOpen = latestOpenUntil(window);
    Instant judgedFrom = lastOpen == null ? null : FunnelCounters.startOf(lastOpen);
    long sent = 0;
    long verified = 0;
    for (Bucket bucket : window) {
      if (judgedFrom == null || !bucket.start().isBefore(judgedFrom)) {
        sent += bucket.sent();
        verified += bucket.verified();
      }
    }
    int required = lastOpen == null ? settings.minSends() : settings.halfOpenSends();
    if (sent < required || verified * 100 >= (long) settings.minConversionPercent() * sent) {
      return Optional.empty();
    }
    Instant until = now.plus(settings.openFor());
    counters.trip(channel, country, now, until, deadline);
    return Optional.of(
        new SendGuard.Refusal(
            LIMIT,
            "refused by "
                + LIMIT
                + ": conversion "
                + (verified * 100 / sent)
                + " % of the last "
                + sent
                + " "
                + channel
                + " sends to "
                + country
                + " numbers is below "
                + settings.minConversionPercent()
                + " %; the breaker opened until "
                + until
                + ", channel "
                + channel));
  }

  private SendGuard.Refusal open(String channel, String country, Instant until) {
    return new SendGuard.Refusal(
        LIMIT,
        "refused by "
            + LIMIT
            + ": conversion of "
            + channel
            + " sends to "
            + country
            + " numbers fell below "
            + settings.minConversionPercent()
            + " %; the breaker is open until "
            + until
            + ", channel "
            + channel);
  }

  /** The window's buckets before the current one, from this container's copy when fresh. */
  private List<Bucket> earlierBuckets(
      String channel, String country, Instant now, Instant deadline) {
    List<Bucket> buckets = new ArrayList<>(FunnelCounters.WINDOW_BUCKETS);
    Instant current = FunnelCounters.startOf(now);
    if (earlier.size() > MAX_CACHED) {
      earlier.clear();
    }
    for (int i = 1; i < FunnelCounters.WINDOW_BUCKETS; i++) {
      Instant start = current.minus(FunnelCounters.BUCKET.multipliedBy(i));
      String id = FunnelCounters.id(channel, country, start);
      Cached cached = earlier.get(id);
      if (cached == null || cached.readAt().plus(EARLIER_BUCKETS_TTL).isBefore(now)) {
        cached =
            new Cached(
                counters
                    .read(channel, country, start, deadline)
                    .orElse(new Bucket(start, 0, 0, null)),
                now);
        earlier.put(id, cached);
      }
      buckets.add(cached.bucket());
    }
    return buckets;
  }

  private static Instant latestOpenUntil(List<Bucket> buckets) {
    Instant latest = null;
    for (Bucket bucket : buckets) {
      if (bucket.openUntil() != null && (latest == null || bucket.openUntil().isAfter(latest))) {
        latest = bucket.openUntil();
      }
    }
    return latest;
  }

  private record Cached(Bucket bucket, Instant readAt) {}
}
