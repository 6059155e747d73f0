package dev.cognitowa.otp.sender.sms;

import dev.cognitowa.otp.sender.config.SenderConfigurationException;
import dev.cognitowa.otp.settings.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the {@code sms} and {@code sns} channels need, read once from the environment.
 *
 * @param originationIdentity {@code SMS_ORIGINATION_IDENTITY}: phone number, sender id or pool (id
 *     or ARN) the {@code sms} channel sends from; empty lets End User Messaging choose
 * @param configurationSet {@code SMS_CONFIGURATION_SET}: name or ARN of the {@code sms} channel's
 *     configuration set
 * @param maxAttempts {@code SMS_MAX_ATTEMPTS}: requests per message, the first included (1..5,
 *     default 3)
 * @param texts the texts per trigger source ({@code SMS_TEXT}, {@code SMS_TEXT_<SOURCE>})
 */
public record SmsSettings(
    Optional<String> originationIdentity,
    Optional<String> configurationSet,
    int maxAttempts,
    SmsTextPolicy texts) {
  /**
   * Three requests ride out a throttling blip; more would only spend the time the next channel
   * needs.
   */
  public static final int DEFAULT_MAX_ATTEMPTS = Settings.SMS_MAX_ATTEMPTS.defaultInt();

  static final int MAX_MAX_ATTEMPTS = Settings.SMS_MAX_ATTEMPTS.max();
  static final String MAX_ATTEMPTS = Settings.SMS_MAX_ATTEMPTS.name();

  /** The settings, or one exception listing every problem. */
  public static SmsSettings fromEnvironment(Map<String, String> env) {
    List<String> problems = validate(env);
    if (!problems.isEmpty()) {
      throw new SenderConfigurationException(problems);
    }
    return new SmsSettings(
        value(env, Settings.SMS_ORIGINATION_IDENTITY.name()),
        value(env, Settings.SMS_CONFIGURATION_SET.name()),
        maxAttempts(env).orElseThrow(),
        SmsTextPolicy.fromEnvironment(env));
  }

  /** Every problem with the SMS settings; empty when they are fine. */
  public static List<String> validate(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    if (maxAttempts(env).isEmpty()) {
      problems.add(
          MAX_ATTEMPTS
              + " must be 1.."
              + MAX_MAX_ATTEMPTS
              + ", was "
              + abbreviate(env.get(MAX_ATTEMPTS)));
    }
    problems.addAll(SmsTextPolicy.validate(env));
    return problems;
  }

  private static Optional<Integer> maxAttempts(Map<String, String> env) {
    Optional<String> raw = value(env, MAX_ATTEMPTS);
    if (raw.isEmpty()) {
      return Optional.of(DEFAULT_MAX_ATTEMPTS);
    }
    try {
      int attempts = Integer.parseInt(raw.get());
      return attempts >= 1 && attempts <= MAX_MAX_ATTEMPTS
          ? Optional.of(attempts)
          : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String abbreviate(String value) {
    return value.strip().length() > 16 ? value.strip().substring(0, 16) + "..." : value.strip();
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }
}
