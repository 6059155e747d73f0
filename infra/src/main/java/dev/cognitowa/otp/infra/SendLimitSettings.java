package dev.cognitowa.otp.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The sender's abuse limits as the stack sets them: each context key and the variable it becomes
 * ({@code OTP_LIMIT_*}, {@code OTP_SMS_LIMIT_*}, {@code OTP_*_COUNTRIES}, read by the sender's
 * {@code limits.LimitSettings}), checked as the sender checks them, so a bad value fails the synth
 * rather than the function's start. Unset keys leave the sender's defaults (WhatsApp 5 per number
 * per quarter hour, 10 per day, 600 per pool per minute; SMS 3, 5, 60 and 1,000 per pool per day).
 * The ready stack also asks for an SMS allow-list whenever it lists an SMS channel ({@link
 * #smsAllowListProblem}).
 */
final class SendLimitSettings {

  /** Context key → variable, for the message counts (0 = that limit off). */
  static final Map<String, String> COUNTS = new LinkedHashMap<>();

  /**
   * Context key → variable, for the country lists (ISO 3166 alpha-2 codes, or libphonenumber's
   * {@code 001} and {@code ZZ}, comma-separated; an allow-list may be {@code *} alone).
   */
  static final Map<String, String> COUNTRIES = new LinkedHashMap<>();

  static {
    COUNTS.put("limitPerNumber15Min", "OTP_LIMIT_PER_NUMBER_15MIN");
    COUNTS.put("limitPerNumberDay", "OTP_LIMIT_PER_NUMBER_DAY");
    COUNTS.put("limitPoolPerMinute", "OTP_LIMIT_POOL_PER_MINUTE");
    COUNTS.put("smsLimitPerNumber15Min", "OTP_SMS_LIMIT_PER_NUMBER_15MIN");
    COUNTS.put("smsLimitPerNumberDay", "OTP_SMS_LIMIT_PER_NUMBER_DAY");
    COUNTS.put("smsLimitPoolPerMinute", "OTP_SMS_LIMIT_POOL_PER_MINUTE");
    COUNTS.put("smsLimitPoolPerDay", "OTP_SMS_LIMIT_POOL_PER_DAY");
    COUNTRIES.put("allowedCountries", "OTP_ALLOWED_COUNTRIES");
    COUNTRIES.put("deniedCountries", "OTP_DENIED_COUNTRIES");
    COUNTRIES.put("smsAllowedCountries", "OTP_SMS_ALLOWED_COUNTRIES");
    COUNTRIES.put("smsDeniedCountries", "OTP_SMS_DENIED_COUNTRIES");
  }

  /**
   * The sender's largest count ({@code LimitSettings.MAX_COUNT}): far above any sane setting, below
   * what one DynamoDB counter item could take in a minute.
   */
  static final int MAX_COUNT = 50_000;

  private static final Pattern COUNT = Pattern.compile("\\d{1,9}");

  private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

  /**
   * The sender's {@code LimitSettings.NON_ISO_REGIONS}: libphonenumber's region of non-geographic
   * numbers (+800, +882, +979...) and of numbers of no known region.
   */
  static final Set<String> NON_ISO_REGIONS = Set.of("001", "ZZ");

  /** In an allow-list, alone: every country, chosen on purpose ({@code EVERY_COUNTRY}). */
  static final String EVERY_COUNTRY = "*";

  static final String SMS_ALLOWED_COUNTRIES_KEY = "smsAllowedCountries";

  private SendLimitSettings() {}

  /**
   * Every problem with the limit variables.
   *
   * @param variables variable → value, only those set
   * @param ledger whether the ledger table (where the counters live) is deployed
   * @param channels the chain, which must list an SMS channel for the SMS-only keys
   */
  static List<String> validate(
      Map<String, String> variables, boolean ledger, List<MessagingChannel> channels) {
    List<String> problems = new ArrayList<>();
    boolean sms =
        channels.contains(MessagingChannel.END_USER_MESSAGING_SMS)
            || channels.contains(MessagingChannel.SNS_SMS);
    variables.forEach(
        (variable, value) -> {
          String key = keyOf(variable);
          if (key == null) {
            problems.add(variable + " is not a limit setting");
            return;
          }
          if (COUNTS.containsValue(variable)) {
            if (!COUNT.matcher(value).matches() || Integer.parseInt(value) > MAX_COUNT) {
              problems.add(
                  key
                      + " must be a whole number 0.."
                      + MAX_COUNT
                      + " (0 = no limit), was '"
                      + value
                      + "'");
            }
            if (!ledger) {
              problems.add(
                  key + " needs the ledger (the counters live in its table): drop ledger=false");
            }
          } else {
            String problem = countriesProblem(key, variable, value);
            if (problem != null) {
              problems.add(problem);
            }
          }
          if (variable.startsWith("OTP_SMS_") && !sms) {
            problems.add(key + " is set but channels lists neither sms nor sns");
          }
        });
    return problems;
  }

  /** What is wrong with a country list as the sender reads it, or null when nothing is. */
  private static String countriesProblem(String key, String variable, String value) {
    boolean allowList = variable.endsWith("_ALLOWED_COUNTRIES");
    if (allowList && value.strip().equals(EVERY_COUNTRY)) {
      return null;
    }
    for (String part : value.split(",", -1)) {
      String code = part.strip().toUpperCase(Locale.ROOT);
      if (code.equals(EVERY_COUNTRY)) {
        return allowList
            ? key + " may be " + EVERY_COUNTRY + " (every country) only alone, was '" + value + "'"
            : key + " cannot be " + EVERY_COUNTRY + ": deny countries by name";
      }
      if (!ISO_COUNTRIES.contains(code) && !NON_ISO_REGIONS.contains(code)) {
        return key
            + " must list ISO 3166 alpha-2 codes such as DE,FR,BR (or 001 for non-geographic"
            + " numbers, ZZ for unknown ones), was '"
            + value
            + "'";
      }
    }
    return null;
  }

  /**
   * The ready stack's rule for a chain with {@code sms} or {@code sns}: SMS is what pumping aims
   * at, and an unset allow-list means every country, the dearest destinations included, so the
   * stack asks for one ({@code *} says "every country" on purpose).
   *
   * @param variables variable → value, only those set
   * @return the one problem, or null when the chain has no SMS channel or the list is set
   */
  static String smsAllowListProblem(
      Map<String, String> variables, List<MessagingChannel> channels) {
    boolean sms =
        channels.contains(MessagingChannel.END_USER_MESSAGING_SMS)
            || channels.contains(MessagingChannel.SNS_SMS);
    if (!sms || variables.containsKey(COUNTRIES.get(SMS_ALLOWED_COUNTRIES_KEY))) {
      return null;
    }
    return SMS_ALLOWED_COUNTRIES_KEY
        + " is required when channels lists sms or sns: the countries SMS may go to (-c "
        + SMS_ALLOWED_COUNTRIES_KEY
        + "=DE,AT), or * for every country, which leaves the SMS fallback open to SMS"
        + " pumping at the dearest destinations";
  }

  /** The context key of a limit variable, or null when it is none. */
  static String keyOf(String variable) {
    for (Map<String, String> keys : List.of(COUNTS, COUNTRIES)) {
      for (Map.Entry<String, String> entry : keys.entrySet()) {
        if (entry.getValue().equals(variable)) {
          return entry.getKey();
        }
      }
    }
    return null;
  }
}
