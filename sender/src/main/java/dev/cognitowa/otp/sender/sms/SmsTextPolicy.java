package dev.cognitowa.otp.sender.sms;

import dev.cognitowa.otp.sender.config.AppClientSettings;
import dev.cognitowa.otp.sender.config.SenderConfigurationException;
import dev.cognitowa.otp.sender.delivery.OtpMessage;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.support.Sensitive;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The SMS text for each trigger source, language and app client: {@code {code}} is replaced by the
 * code (the temporary password for AdminCreateUser), {@code {username}} by the user name
 * (AdminCreateUser only). {@code SMS_TEXT} replaces the default of the six code-bearing sources,
 * {@code SMS_TEXT_<SOURCE>} (e.g. {@code SMS_TEXT_FORGOT_PASSWORD}) that of one source;
 * AdminCreateUser takes only {@code SMS_TEXT_ADMIN_CREATE_USER}, so a text saying "code" never
 * carries a password. Each may be given per WhatsApp language code ({@code SMS_TEXT_pt_BR}, {@code
 * SMS_TEXT_FORGOT_PASSWORD_pt_BR}): the SMS follows the language the message policy chose for the
 * template ({@link SmsTexts} has the order). An app client named in {@code OTP_APP_CLIENTS} may
 * override any of them. Texts are checked when the configuration is read, with the placeholders at
 * their longest.
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

  private final SmsTexts pool;
  private final Map<String, SmsTexts> appClients;

  private SmsTextPolicy(SmsTexts pool, Map<String, SmsTexts> appClients) {
    this.pool = pool;
    this.appClients = appClients;
  }

  /**
   * The texts from {@code SMS_TEXT*} and {@code OTP_APP_CLIENTS}, or one exception listing every
   * problem.
   */
  public static SmsTextPolicy fromEnvironment(Map<String, String> env) {
    List<String> problems = validate(env);
    if (!problems.isEmpty()) {
      throw new SenderConfigurationException(problems);
    }
    Map<String, SmsTexts> appClients = new HashMap<>();
    AppClientSettings.read(env)
        .forEach(
            (id, overlay) ->
                appClients.put(id, new SmsTexts(AppClientSettings.merged(env, overlay))));
    return new SmsTextPolicy(new SmsTexts(env), Map.copyOf(appClients));
  }

  /**
   * Every problem with the configured texts (missing {@code {code}}, misplaced {@code {username}},
   * too long), the app clients' included; a problem the pool's texts have is listed once.
   */
  public static List<String> validate(Map<String, String> env) {
    Set<String> problems = new LinkedHashSet<>(problems(new SmsTexts(env)));
    AppClientSettings.read(env)
        .forEach(
            (id, overlay) -> {
              for (String problem :
                  problems(new SmsTexts(AppClientSettings.merged(env, overlay)))) {
                if (!problems.contains(problem)) {
                  problems.add("OTP_APP_CLIENTS client " + id + ": " + problem);
                }
              }
            });
    return List.copyOf(problems);
  }

  /** The unlocalised text configured for a source, placeholders unreplaced. */
  public String text(TriggerSource source) {
    return pool.text(source, Optional.empty()).value();
  }

  /**
   * The message as the phone shows it, in the template's language and for the message's app client;
   * it holds the code or the password, so it is never logged.
   */
  public Sensitive render(OtpMessage message) {
    List<Sensitive> parameters = message.bodyParameters();
    TriggerSource source = message.triggerSource();
    String secret = parameters.get(parameters.size() - 1).reveal();
    String userName =
        source.carriesTemporaryPassword() && parameters.size() > 1
            ? parameters.get(0).reveal()
            : "";
    SmsTexts texts = message.appClientId().map(appClients::get).orElse(pool);
    String text = texts.text(source, Optional.of(message.template().languageCode())).value();
    return Sensitive.of(fill(text, secret, userName));
  }

  private static List<String> problems(SmsTexts texts) {
    Set<String> problems = new LinkedHashSet<>(); // SMS_TEXT serves six sources: each problem once
    for (TriggerSource source : TriggerSource.values()) {
      List<SmsTexts.Text> forSource = new ArrayList<>();
      forSource.add(texts.text(source, Optional.empty()));
      texts.languages().forEach(code -> forSource.add(texts.text(source, Optional.of(code))));
      for (SmsTexts.Text text : forSource) {
        problems.addAll(problems(source, text));
      }
    }
    return List.copyOf(problems);
  }

  private static List<String> problems(TriggerSource source, SmsTexts.Text text) {
    List<String> problems = new ArrayList<>();
    String name = text.setting();
    if (!text.value().contains(CODE)) {
      problems.add(name + " has no " + CODE);
    }
    if (!source.carriesTemporaryPassword() && text.value().contains(USERNAME)) {
      problems.add(name + " uses " + USERNAME + ", which only " + TEXT + "_ADMIN_CREATE_USER may");
    }
    SmsEncoding.Size size =
        SmsEncoding.of(
            fill(
                text.value(),
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
    return problems;
  }

  private static String fill(String text, String secret, String userName) {
    return text.replace(USERNAME, userName).replace(CODE, secret);
  }
}
