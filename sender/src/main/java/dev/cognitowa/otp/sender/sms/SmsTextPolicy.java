package dev.cognitowa.otp.sender.sms;

import dev.cognitowa.otp.sender.config.SenderConfigurationException;
import dev.cognitowa.otp.sender.delivery.OtpMessage;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.support.Sensitive;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The SMS text for each trigger source: {@code {code}} is replaced by the code (the temporary
 * password for AdminCreateUser), {@code {username}} by the user name (AdminCreateUser only). {@code
 * SMS_TEXT} replaces the default of the six code-bearing sources, {@code SMS_TEXT_<SOURCE>} (e.g.
 * {@code SMS_TEXT_FORGOT_PASSWORD}) that of one source; AdminCreateUser takes only {@code
 * SMS_TEXT_ADMIN_CREATE_USER}, so a text saying "code" never carries a password. Texts are checked
 * when the configuration is read, with the placeholders at their longest.
 */
public final class SmsTextPolicy {
  public static final String CODE = "{code}";
  public static final String USERNAME = "{username}";
  static final String TEXT = "SMS_TEXT";

  /**
   * Beyond 3 segments a text costs 4 messages per code and risks arriving out of order on older
   * phones.
   */
  static final int MAX_SEGMENTS = 3;

  /**
   * Cognito's codes are 6 digits; 8 leaves room without making the check refuse reasonable texts.
   */
  static final String LONGEST_CODE = "0".repeat(8);

  /**
   * Cognito's generated temporary passwords are short (the pool's minimum length, 6-99, usually
   * 8-16); an admin may set a longer one, which then takes one more segment rather than failing. 32
   * covers the usual policies.
   */
  static final String LONGEST_PASSWORD = "x".repeat(32);

  /**
   * A user name is often a UUID (36 characters) when the pool signs in with an email or a phone
   * number.
   */
  static final String LONGEST_USERNAME = "x".repeat(36);

  private static final Map<TriggerSource, String> DEFAULTS = defaults();

  private final Map<TriggerSource, String> texts;

  private SmsTextPolicy(Map<TriggerSource, String> texts) {
    this.texts = texts;
  }

  /**
   * The texts from {@code SMS_TEXT} and {@code SMS_TEXT_<SOURCE>}, or one exception listing every
   * problem.
   */
  public static SmsTextPolicy fromEnvironment(Map<String, String> env) {
    List<String> problems = validate(env);
    if (!problems.isEmpty()) {
      throw new SenderConfigurationException(problems);
    }
    return new SmsTextPolicy(texts(env));
  }

  /**
   * Every problem with the configured texts (missing {@code {code}}, misplaced {@code {username}},
   * too long).
   */
  public static List<String> validate(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    Map<TriggerSource, String> texts = texts(env);
    for (TriggerSource source : TriggerSource.values()) {
      String name = settingName(source, env);
      String text = texts.get(source);
      if (!text.contains(CODE)) {
        problems.add(name + " has no " + CODE);
      }
      if (!source.carriesTemporaryPassword() && text.contains(USERNAME)) {
        problems.add(
            name + " uses " + USERNAME + ", which only " + TEXT + "_ADMIN_CREATE_USER may");
      }
      SmsEncoding.Size size =
          SmsEncoding.of(
              fill(
                  text,
                  source.carriesTemporaryPassword() ? LONGEST_PASSWORD : LONGEST_CODE,
                  LONGEST_USERNAME));
      if (size.segments() > MAX_SEGMENTS) {
        problems.add(
            name
                + " takes "
                + size.segments()
                + " SMS segments ("
                + size.units()
                + (size.gsm7() ? " GSM-7 septets" : " UCS-2 characters")
                + " with the placeholders at their longest), at most "
                + MAX_SEGMENTS
                + " allowed");
      }
    }
    return problems.stream()
        .distinct()
        .toList(); // SMS_TEXT's problems are found once per source it serves
  }

  /** The text configured for a source, placeholders unreplaced. */
  public String text(TriggerSource source) {
    return texts.get(source);
  }

  /**
   * The message as the phone shows it; it holds the code or the password, so it is never logged.
   */
  public Sensitive render(OtpMessage message) {
    List<Sensitive> parameters = message.bodyParameters();
    TriggerSource source = message.triggerSource();
    String secret = parameters.get(parameters.size() - 1).reveal();
    String userName =
        source.carriesTemporaryPassword() && parameters.size() > 1
            ? parameters.get(0).reveal()
            : "";
    return Sensitive.of(fill(texts.get(source), secret, userName));
  }

  private static String fill(String text, String secret, String userName) {
    return text.replace(USERNAME, userName).replace(CODE, secret);
  }

  private static Map<TriggerSource, String> texts(Map<String, String> env) {
    Map<TriggerSource, String> texts = new EnumMap<>(TriggerSource.class);
    String common = value(env, TEXT);
    for (TriggerSource source : TriggerSource.values()) {
      String own = value(env, TEXT + "_" + source.environmentSuffix());
      String shared = source.carriesTemporaryPassword() ? null : common;
      texts.put(source, own != null ? own : shared != null ? shared : DEFAULTS.get(source));
    }
    return texts;
  }

  private static String settingName(TriggerSource source, Map<String, String> env) {
    String own = TEXT + "_" + source.environmentSuffix();
    if (value(env, own) != null) {
      return own;
    }
    return (!source.carriesTemporaryPassword() && value(env, TEXT) != null)
        ? TEXT
        : "the default text of " + own;
  }

  private static String value(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static Map<TriggerSource, String> defaults() {
    Map<TriggerSource, String> texts = new EnumMap<>(TriggerSource.class);
    texts.put(TriggerSource.SIGN_UP, "Your verification code is " + CODE);
    texts.put(TriggerSource.RESEND_CODE, "Your verification code is " + CODE);
    texts.put(TriggerSource.FORGOT_PASSWORD, "Your password reset code is " + CODE);
    texts.put(TriggerSource.UPDATE_USER_ATTRIBUTE, "Your verification code is " + CODE);
    texts.put(TriggerSource.VERIFY_USER_ATTRIBUTE, "Your verification code is " + CODE);
    texts.put(TriggerSource.AUTHENTICATION, "Your sign-in code is " + CODE);
    texts.put(
        TriggerSource.ADMIN_CREATE_USER, "Hi " + USERNAME + ", your temporary password is " + CODE);
    return Map.copyOf(texts);
  }
}
