package dev.cognitowa.otp.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognitowa.otp.settings.Settings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The sender's language and per-app-client settings as the stack sets them ({@code
 * WHATSAPP_TEMPLATE_LANGUAGES}, {@code OTP_APP_CLIENTS}, {@code SMS_TEXT_<lang>} and {@code
 * SMS_TEXT_<SOURCE>_<lang>}, read by the sender's {@code config} package), checked for what the
 * synth can know, so a typo fails the synth rather than the function's start. The sender checks the
 * rest (texts' encoding and length) at start-up, with the same names.
 */
final class LanguageSettings {
  static final String LANGUAGES = Settings.TEMPLATE_LANGUAGES.name();
  static final String APP_CLIENTS = Settings.APP_CLIENTS.name();
  static final String SMS_TEXT_PREFIX = "SMS_TEXT_";

  /** WhatsApp's language codes: {@code en}, {@code en_US}, {@code pt_BR}, {@code zh_CN}... */
  static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Za-z0-9]{2,4})?");

  /** The sender's bound on the list (its {@code MAX_LANGUAGES}): far more than Meta offers. */
  static final int MAX_LANGUAGES = 64;

  /** App client ids: Cognito's are 1-128 word characters and '+'. */
  private static final Pattern CLIENT_ID = Pattern.compile("[\\w+]{1,128}");

  /** The variables an app client may lay over the environment, as the sender allows them. */
  private static final List<String> CLIENT_VARIABLE_PREFIXES =
      List.of("WHATSAPP_TEMPLATE_NAME", "WHATSAPP_TEMPLATE_LANGUAGE", "SMS_TEXT");

  private static final Set<String> SOURCES = Set.copyOf(WhatsAppOtpSenderProps.TEMPLATE_SOURCES);

  private LanguageSettings() {}

  /**
   * Every problem with the language variables.
   *
   * @param variables variable → value, only those set
   * @param defaultLanguage the template language every event falls back to ({@code
   *     templateLanguage})
   */
  static List<String> validate(Map<String, String> variables, String defaultLanguage) {
    List<String> problems = new ArrayList<>();
    List<String> languages = new ArrayList<>();
    String list = variables.get(LANGUAGES);
    if (list != null) {
      Set<String> seen = new HashSet<>();
      for (String part : list.split(",", -1)) {
        String code = part.strip();
        if (!LANGUAGE.matcher(code).matches()) {
          problems.add(
              "templateLanguages must list WhatsApp codes such as en_US,pt_BR,es ('_', not '-'),"
                  + " was '"
                  + list
                  + "'");
          break;
        }
        if (!seen.add(code)) {
          problems.add("templateLanguages lists " + code + " twice");
        }
        languages.add(code);
      }
      if (languages.size() > MAX_LANGUAGES) {
        problems.add("templateLanguages lists more than " + MAX_LANGUAGES + " languages");
      }
      if (!languages.contains(defaultLanguage)) {
        problems.add(
            "templateLanguages must include templateLanguage ("
                + defaultLanguage
                + "), the default");
      }
    }
    variables.forEach(
        (variable, value) -> {
          if (variable.startsWith(SMS_TEXT_PREFIX)) {
            String suffix = variable.substring(SMS_TEXT_PREFIX.length());
            String language = languageOf(suffix);
            if (language == null || !languages.contains(language)) {
              problems.add(
                  "localizedSmsTexts key "
                      + suffix
                      + " must be <lang> or <SOURCE>_<lang> with <lang> in templateLanguages");
            } else if (!value.contains("{code}")) {
              problems.add("localizedSmsTexts." + suffix + " must contain {code}");
            }
          }
        });
    String clients = variables.get(APP_CLIENTS);
    if (clients != null) {
      appClientProblems(clients, problems);
    }
    return problems;
  }

  /** The language of an {@code SMS_TEXT_} suffix ({@code pt_BR}, {@code FORGOT_PASSWORD_es}). */
  private static String languageOf(String suffix) {
    for (String source : SOURCES) {
      if (suffix.startsWith(source + "_")) {
        suffix = suffix.substring(source.length() + 1);
        break;
      }
    }
    return LANGUAGE.matcher(suffix).matches() ? suffix : null;
  }

  private static void appClientProblems(String json, List<String> problems) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (JsonProcessingException e) {
      problems.add("appClients is not valid JSON");
      return;
    }
    if (root == null || !root.isObject()) {
      problems.add("appClients must be a JSON object: app client id → its variables");
      return;
    }
    for (Map.Entry<String, JsonNode> client : root.properties()) {
      if (!CLIENT_ID.matcher(client.getKey()).matches()) {
        problems.add("appClients has a key that is not an app client id");
        continue;
      }
      if (!client.getValue().isObject()) {
        problems.add("appClients." + client.getKey() + " must be an object of variables");
        continue;
      }
      for (Map.Entry<String, JsonNode> variable : client.getValue().properties()) {
        boolean allowed =
            CLIENT_VARIABLE_PREFIXES.stream().anyMatch(p -> variable.getKey().startsWith(p));
        if (!allowed || !variable.getValue().isTextual()) {
          problems.add(
              "appClients."
                  + client.getKey()
                  + " may set only WHATSAPP_TEMPLATE_NAME*, WHATSAPP_TEMPLATE_LANGUAGE* and"
                  + " SMS_TEXT* to strings");
        }
      }
    }
  }
}
