package dev.cognitowa.otp.sender.sms;

import static dev.cognitowa.otp.sender.sms.SmsTextPolicy.CODE;
import static dev.cognitowa.otp.sender.sms.SmsTextPolicy.TEXT;
import static dev.cognitowa.otp.sender.sms.SmsTextPolicy.USERNAME;

import dev.cognitowa.otp.sender.event.TriggerSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The SMS texts of one environment (the pool's, or one app client's overlay laid over it): per
 * trigger source, unlocalised and per WhatsApp language code. For a source and a language the text
 * is the first set of {@code SMS_TEXT_<SOURCE>_<language>}, {@code SMS_TEXT_<language>}, {@code
 * SMS_TEXT_<SOURCE>}, {@code SMS_TEXT}, the built-in English default (AdminCreateUser skips the two
 * shared ones, so a text saying "code" never carries a password).
 */
final class SmsTexts {
  /** {@code SMS_TEXT_pt_BR} or {@code SMS_TEXT_FORGOT_PASSWORD_pt_BR}: language codes keep case. */
  private static final Pattern LOCALIZED =
      Pattern.compile(
          TEXT
              + "_(?:("
              + Arrays.stream(TriggerSource.values())
                  .map(TriggerSource::environmentSuffix)
                  .collect(Collectors.joining("|"))
              + ")_)?([a-z]{2,3}(?:_[A-Za-z0-9]{2,4})?)");

  private static final Map<TriggerSource, String> DEFAULTS = defaults();

  /** A text and the variable it came from, for problems. */
  record Text(String value, String setting) {}

  private final Map<String, String> env;
  private final List<String> languages;

  SmsTexts(Map<String, String> env) {
    this.env = env;
    this.languages = languages(env);
  }

  /** The language codes some {@code SMS_TEXT_..._<language>} variable names, sorted. */
  List<String> languages() {
    return languages;
  }

  /** The text for a source in a language; an empty language asks for the unlocalised one. */
  Text text(TriggerSource source, Optional<String> language) {
    boolean password = source.carriesTemporaryPassword();
    String own = TEXT + "_" + source.environmentSuffix();
    List<String> names = new ArrayList<>(4);
    language.ifPresent(
        code -> {
          names.add(own + "_" + code);
          if (!password) {
            names.add(TEXT + "_" + code);
          }
        });
    names.add(own);
    if (!password) {
      names.add(TEXT);
    }
    for (String name : names) {
      String value = value(name);
      if (value != null) {
        return new Text(value, name);
      }
    }
    return new Text(DEFAULTS.get(source), "the default text of " + own);
  }

  private static List<String> languages(Map<String, String> env) {
    TreeSet<String> languages = new TreeSet<>();
    for (Map.Entry<String, String> entry : env.entrySet()) {
      Matcher matcher = LOCALIZED.matcher(entry.getKey());
      if (matcher.matches() && entry.getValue() != null && !entry.getValue().isBlank()) {
        languages.add(matcher.group(2));
      }
    }
    return List.copyOf(languages);
  }

  private String value(String name) {
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
