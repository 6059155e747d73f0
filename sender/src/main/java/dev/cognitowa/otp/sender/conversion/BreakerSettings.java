package dev.cognitowa.otp.sender.conversion;

import dev.cognitowa.otp.sender.config.SenderConfigurationException;
import dev.cognitowa.otp.settings.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The conversion breaker's settings, read once from the environment: which channels it guards, the
 * volume it judges at, the conversion below which it opens, and for how long.
 *
 * @param channels the {@code OTP_CHANNELS} names it guards; empty = off
 * @param minSends paid sends to one country on one channel within the window before it judges
 * @param minConversionPercent the share of those sends whose code must be used, 1..100
 * @param openFor how long it refuses once open, at least one counting bucket
 * @param halfOpenSends the sends it judges again after opening (half-open), fewer than {@code
 *     minSends}
 */
public record BreakerSettings(
    Set<String> channels,
    int minSends,
    int minConversionPercent,
    Duration openFor,
    int halfOpenSends) {
  public static final String CHANNELS = Settings.BREAKER_CHANNELS.name();
  public static final String MIN_SENDS = Settings.BREAKER_MIN_SENDS.name();
  public static final String MIN_CONVERSION_PERCENT =
      Settings.BREAKER_MIN_CONVERSION_PERCENT.name();
  public static final String OPEN_MINUTES = Settings.BREAKER_OPEN_MINUTES.name();

  /**
   * The SMS channels: what SMS pumping aims at (a WhatsApp message reaches only a WhatsApp account,
   * and Meta bills no premium-rate termination). {@code whatsapp} and {@code whatsapp-eum} may be
   * listed too.
   */
  public static final Set<String> DEFAULT_CHANNELS = Set.of("sms", "sns");

  /**
   * 30 sends in an hour to one country on one channel: below it a few unlucky users could open the
   * breaker by themselves; a pumping run of 40 sends is stopped after its 30th.
   */
  public static final int DEFAULT_MIN_SENDS = Settings.BREAKER_MIN_SENDS.defaultInt();

  /**
   * 20 %: real sign-ups and sign-ins convert well above half (a code is asked for because it is
   * wanted), so even an hour whose last minutes' codes are not typed in yet stays far above it;
   * pumped numbers never type a code in.
   */
  public static final int DEFAULT_MIN_CONVERSION_PERCENT =
      Settings.BREAKER_MIN_CONVERSION_PERCENT.defaultInt();

  /** 30 minutes: long enough to make a pumping run pointless, short enough to page no one twice. */
  public static final Duration DEFAULT_OPEN_FOR =
      Duration.ofMinutes(Settings.BREAKER_OPEN_MINUTES.defaultInt());

  /**
   * A third of {@link #DEFAULT_MIN_SENDS}: after opening, a run that resumes is stopped again after
   * ten sends, not thirty.
   */
  static final int HALF_OPEN_DIVISOR = 3;

  /** The longest open period: a day, after which the funnel's history is what an operator reads. */
  static final Duration MAX_OPEN_FOR = Duration.ofMinutes(Settings.BREAKER_OPEN_MINUTES.max());

  /** Above any per-channel send volume one country sees in an hour, below an int's range. */
  static final int MAX_SENDS = Settings.BREAKER_MIN_SENDS.max();

  public BreakerSettings {
    channels = Set.copyOf(channels);
  }

  /** The defaults: on for {@code sms} and {@code sns}. */
  public static BreakerSettings defaults() {
    return fromEnvironment(Map.of());
  }

  /** Whether the breaker guards sends through {@code channel}. */
  public boolean guards(String channel) {
    return channels.contains(channel);
  }

  /** The settings, or one exception listing every problem. */
  public static BreakerSettings fromEnvironment(Map<String, String> env) {
    List<String> problems = validate(env);
    if (!problems.isEmpty()) {
      throw new SenderConfigurationException(problems);
    }
    return read(env, new ArrayList<>());
  }

  /** Every problem with the breaker's settings; empty when they are fine. */
  public static List<String> validate(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    read(env, problems);
    return problems;
  }

  private static BreakerSettings read(Map<String, String> env, List<String> problems) {
    int minSends =
        number(env, MIN_SENDS, DEFAULT_MIN_SENDS, HALF_OPEN_DIVISOR, MAX_SENDS, problems);
    int percent =
        number(env, MIN_CONVERSION_PERCENT, DEFAULT_MIN_CONVERSION_PERCENT, 1, 100, problems);
    int minutes =
        number(
            env,
            OPEN_MINUTES,
            (int) DEFAULT_OPEN_FOR.toMinutes(),
            (int) FunnelCounters.BUCKET.toMinutes(),
            (int) MAX_OPEN_FOR.toMinutes(),
            problems);
    return new BreakerSettings(
        channels(env, problems),
        minSends,
        percent,
        Duration.ofMinutes(minutes),
        Math.max(1, minSends / HALF_OPEN_DIVISOR));
  }

  private static Set<String> channels(Map<String, String> env, List<String> problems) {
    String raw = env.get(CHANNELS);
    if (raw == null || raw.isBlank()) {
      return DEFAULT_CHANNELS;
    }
    if ("none".equalsIgnoreCase(raw.strip())) {
      return Set.of();
    }
    Set<String> known = Set.of("whatsapp", "whatsapp-eum", "sms", "sns");
    Set<String> channels = new LinkedHashSet<>();
    for (String part : raw.split(",", -1)) {
      String name = part.strip().toLowerCase(Locale.ROOT);
      if (known.contains(name)) {
        channels.add(name);
      } else {
        problems.add(
            CHANNELS
                + " must list channels from whatsapp, whatsapp-eum, sms, sns (or be none); "
                + (name.matches("[a-z-]{0,16}") ? "'" + name + "' is not one" : "one is not"));
      }
    }
    return channels;
  }

  private static int number(
      Map<String, String> env, String name, int fallback, int min, int max, List<String> problems) {
    String raw = env.get(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.strip());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(name + " must be a whole number " + min + ".." + max);
    return fallback;
  }
}
