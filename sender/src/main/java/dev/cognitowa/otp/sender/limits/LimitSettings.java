package dev.cognitowa.otp.sender.limits;

import dev.cognitowa.otp.sender.config.SenderConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The abuse limits, read once from the environment: message counts per number and per pool for each
 * kind of channel (WhatsApp, and SMS with stricter defaults and a daily cap per pool), and the
 * countries a message may go to. A count of 0 switches that limit off; an unset or blank variable
 * takes the default.
 *
 * @param whatsApp the counts for the WhatsApp channels ({@code whatsapp-eum} too)
 * @param sms the counts for {@code sms} and {@code sns}
 * @param countries the countries every channel may send to
 * @param smsCountries the countries the SMS channels may send to, on top of {@code countries}
 */
public record LimitSettings(
    ChannelLimits whatsApp, ChannelLimits sms, CountryRule countries, CountryRule smsCountries) {
  public static final String PER_NUMBER_15MIN = "OTP_LIMIT_PER_NUMBER_15MIN";
  public static final String PER_NUMBER_DAY = "OTP_LIMIT_PER_NUMBER_DAY";
  public static final String POOL_PER_MINUTE = "OTP_LIMIT_POOL_PER_MINUTE";
  public static final String SMS_PER_NUMBER_15MIN = "OTP_SMS_LIMIT_PER_NUMBER_15MIN";
  public static final String SMS_PER_NUMBER_DAY = "OTP_SMS_LIMIT_PER_NUMBER_DAY";
  public static final String SMS_POOL_PER_MINUTE = "OTP_SMS_LIMIT_POOL_PER_MINUTE";
  public static final String SMS_POOL_PER_DAY = "OTP_SMS_LIMIT_POOL_PER_DAY";
  public static final String ALLOWED_COUNTRIES = "OTP_ALLOWED_COUNTRIES";
  public static final String DENIED_COUNTRIES = "OTP_DENIED_COUNTRIES";
  public static final String SMS_ALLOWED_COUNTRIES = "OTP_SMS_ALLOWED_COUNTRIES";
  public static final String SMS_DENIED_COUNTRIES = "OTP_SMS_DENIED_COUNTRIES";

  /**
   * In an allow-list, alone: every country, said on purpose (the stack asks for an SMS allow-list
   * and takes this as the operator's choice to run without one).
   */
  public static final String EVERY_COUNTRY = "*";

  /**
   * libphonenumber's region codes beside ISO 3166's: {@code 001} for non-geographic numbers (+800
   * freephone, +882/+883 international networks, +979 premium rate...), {@code ZZ} for a number of
   * no known region.
   */
  public static final Set<String> NON_ISO_REGIONS = Set.of("001", "ZZ");

  /**
   * WhatsApp: Cognito lets a user ask for a new code about once a minute and a code lives for
   * minutes, so five in a quarter hour is a person retrying; ten a day is a bad day; more is a
   * script. 600 a minute (10/s) is far above a normal pool's sign-in rate yet an eighth of the
   * Cloud API's 80 messages/s per number, so a burst of bot sign-ups is cut off in its first
   * minute. No daily pool cap: Meta's messaging limit already caps the unique users a number may
   * message in a rolling 24 h below its unlimited tier
   * (https://developers.facebook.com/docs/whatsapp/messaging-limits), and WhatsApp is the cheap
   * channel.
   */
  public static final ChannelLimits WHATSAPP_DEFAULTS = new ChannelLimits(5, 10, 600, 0);

  /**
   * SMS: the channel SMS pumping aims at and up to a hundred times the price of a WhatsApp
   * authentication message in some countries, so three a quarter hour, five a day and 60 a minute
   * for the pool (it is the fallback: most users get WhatsApp), and 1,000 a UTC day for the pool:
   * room for the fallbacks of a pool with thousands of sign-ins a day, while a pumping run that
   * stays under the minute's ceiling all day (86,400 texts) is stopped after 1,000, so a day's loss
   * stays bounded even at the dearest destinations. Raise it when the pool's real fallbacks near
   * it.
   */
  public static final ChannelLimits SMS_DEFAULTS = new ChannelLimits(3, 5, 60, 1_000);

  /**
   * The largest count accepted: far above any sane setting, and below the one DynamoDB item's write
   * ceiling (1,000 writes/s) that a per-minute pool counter would need at 60,000.
   */
  static final int MAX_COUNT = 50_000;

  public LimitSettings {
    countries = countries == null ? CountryRule.ALL : countries;
    smsCountries = smsCountries == null ? CountryRule.ALL : smsCountries;
  }

  /** The counts for a channel by its {@code OTP_CHANNELS} name. */
  public ChannelLimits limitsFor(String channel) {
    return isSms(channel) ? sms : whatsApp;
  }

  /** Whether the channel sends SMS (End User Messaging SMS or SNS) rather than WhatsApp. */
  public static boolean isSms(String channel) {
    return "sms".equals(channel) || "sns".equals(channel);
  }

  /** The settings, or one exception listing every problem. */
  public static LimitSettings fromEnvironment(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    LimitSettings settings = read(env, problems);
    if (!problems.isEmpty()) {
      throw new SenderConfigurationException(problems);
    }
    return settings;
  }

  /** Every problem with the limit settings; empty when they are fine. */
  public static List<String> validate(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    read(env, problems);
    return problems;
  }

  private static LimitSettings read(Map<String, String> env, List<String> problems) {
    return new LimitSettings(
        new ChannelLimits(
            count(env, PER_NUMBER_15MIN, WHATSAPP_DEFAULTS.perNumber15Min(), problems),
            count(env, PER_NUMBER_DAY, WHATSAPP_DEFAULTS.perNumberDay(), problems),
            count(env, POOL_PER_MINUTE, WHATSAPP_DEFAULTS.poolPerMinute(), problems),
            WHATSAPP_DEFAULTS.poolPerDay()),
        new ChannelLimits(
            count(env, SMS_PER_NUMBER_15MIN, SMS_DEFAULTS.perNumber15Min(), problems),
            count(env, SMS_PER_NUMBER_DAY, SMS_DEFAULTS.perNumberDay(), problems),
            count(env, SMS_POOL_PER_MINUTE, SMS_DEFAULTS.poolPerMinute(), problems),
            count(env, SMS_POOL_PER_DAY, SMS_DEFAULTS.poolPerDay(), problems)),
        new CountryRule(
            countries(env, ALLOWED_COUNTRIES, problems),
            countries(env, DENIED_COUNTRIES, problems)),
        new CountryRule(
            countries(env, SMS_ALLOWED_COUNTRIES, problems),
            countries(env, SMS_DENIED_COUNTRIES, problems)));
  }

  private static int count(
      Map<String, String> env, String name, int fallback, List<String> problems) {
    Optional<String> raw = value(env, name);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      int count = Integer.parseInt(raw.get());
      if (count >= 0 && count <= MAX_COUNT) {
        return count;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(
        name
            + " must be a whole number 0.."
            + MAX_COUNT
            + " (0 = no limit) (got "
            + raw.get().length()
            + " characters, not shown)");
    return fallback;
  }

  /**
   * A comma-separated list of ISO 3166 alpha-2 codes (or {@code 001}, {@code ZZ}); empty when
   * unset, and for an allow-list that is {@link #EVERY_COUNTRY} alone.
   */
  private static Set<String> countries(
      Map<String, String> env, String name, List<String> problems) {
    Optional<String> raw = value(env, name);
    Set<String> codes = new TreeSet<>();
    if (raw.isEmpty()) {
      return codes;
    }
    boolean allowList = name.endsWith("_ALLOWED_COUNTRIES");
    if (allowList && raw.get().equals(EVERY_COUNTRY)) {
      return codes;
    }
    Set<String> known = Set.of(Locale.getISOCountries());
    for (String part : raw.get().split(",", -1)) {
      String code = part.strip().toUpperCase(Locale.ROOT);
      if (known.contains(code) || NON_ISO_REGIONS.contains(code)) {
        codes.add(code);
      } else if (code.equals(EVERY_COUNTRY)) {
        problems.add(
            name
                + (allowList
                    ? " may be " + EVERY_COUNTRY + " (every country) only alone"
                    : " cannot be " + EVERY_COUNTRY + ": deny countries by name"));
      } else {
        problems.add(
            name
                + " must list ISO 3166 alpha-2 country codes such as DE,FR,BR (or 001 for"
                + " non-geographic numbers, ZZ for unknown ones), comma-separated; "
                + (code.matches("[A-Z]{0,3}") ? "'" + code + "' is not one" : "one entry is not"));
      }
    }
    return codes;
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /**
   * How many messages one kind of channel may send; 0 = no limit.
   *
   * @param perNumber15Min to one number of one pool in a quarter hour (UTC :00, :15, :30, :45)
   * @param perNumberDay to one number of one pool in a UTC day
   * @param poolPerMinute for the whole pool in a UTC minute
   * @param poolPerDay for the whole pool in a UTC day (SMS only; 0 for WhatsApp)
   */
  public record ChannelLimits(
      int perNumber15Min, int perNumberDay, int poolPerMinute, int poolPerDay) {}

  /**
   * Which countries (ISO 3166 alpha-2 regions of the number, or libphonenumber's {@code 001} and
   * {@code ZZ}) may receive a message.
   *
   * @param allowed when not empty, only these
   * @param denied never these, even when allowed
   */
  public record CountryRule(Set<String> allowed, Set<String> denied) {
    /** Every country. */
    public static final CountryRule ALL = new CountryRule(Set.of(), Set.of());

    public CountryRule {
      allowed = Set.copyOf(allowed);
      denied = Set.copyOf(denied);
    }

    /** Whether a number of this region may receive a message. */
    public boolean permits(String region) {
      return !denied.contains(region) && (allowed.isEmpty() || allowed.contains(region));
    }
  }
}
