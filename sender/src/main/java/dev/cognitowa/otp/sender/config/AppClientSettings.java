package dev.cognitowa.otp.sender.config;

import static dev.cognitowa.otp.sender.config.EnvironmentVariables.APP_CLIENTS;

import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.support.Json;
import dev.cognitowa.otp.sender.support.JsonParseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code OTP_APP_CLIENTS}: per app client settings, one JSON object in one variable (Lambda allows
 * 4 KB of variables in all, so one compact value rather than a variable per client and setting).
 * Each app client id maps to an overlay of the same variables the environment has, laid over it for
 * that client's events: template names and languages ({@code WHATSAPP_TEMPLATE_NAME[_<SOURCE>]},
 * {@code WHATSAPP_TEMPLATE_LANGUAGE[_<SOURCE>]}, {@code WHATSAPP_TEMPLATE_LANGUAGES}) and SMS texts
 * ({@code SMS_TEXT}, {@code SMS_TEXT_...}). For example {@code
 * {"4rp0fj3q2mf1m5n7ll3a0k2jo9":{"WHATSAPP_TEMPLATE_NAME":"acme_otp","SMS_TEXT":"Acme: {code}"}}}.
 */
public final class AppClientSettings {
  /**
   * Cognito's app client ids: 1 to 128 word characters or '+'
   * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolClientType.html).
   */
  static final Pattern CLIENT_ID = Pattern.compile("[\\w+]{1,128}");

  /**
   * The SMS texts' variable and prefix: the sms package reads them, any of them may be per client.
   */
  private static final String SMS_TEXT = "SMS_TEXT";

  private AppClientSettings() {}

  /** The overlays by app client id, read leniently: {@link #problems} reports what is wrong. */
  public static Map<String, Map<String, String>> read(Map<String, String> env) {
    return read(env, new ArrayList<>());
  }

  /** The environment as one app client sees it: the overlay's values replace the environment's. */
  public static Map<String, String> merged(Map<String, String> env, Map<String, String> overlay) {
    Map<String, String> merged = new HashMap<>(env);
    merged.putAll(overlay);
    return Collections.unmodifiableMap(merged);
  }

  /**
   * Every problem with {@code OTP_APP_CLIENTS}'s shape; its templates and texts are checked apart.
   */
  public static List<String> problems(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    read(env, problems);
    return problems;
  }

  /** Whether a variable may be set per app client. */
  static boolean isPerClient(String name) {
    if (name.equals(SMS_TEXT) || name.startsWith(SMS_TEXT + "_")) {
      return true;
    }
    if (name.equals(EnvironmentVariables.TEMPLATE_NAME)
        || name.equals(EnvironmentVariables.TEMPLATE_LANGUAGE)
        || name.equals(EnvironmentVariables.TEMPLATE_LANGUAGES)) {
      return true;
    }
    for (TriggerSource source : TriggerSource.values()) {
      if (name.equals(EnvironmentVariables.templateName(source))
          || name.equals(EnvironmentVariables.templateLanguage(source))) {
        return true;
      }
    }
    return false;
  }

  static Map<String, Map<String, String>> read(Map<String, String> env, List<String> problems) {
    String raw = env.get(APP_CLIENTS);
    if (raw == null || raw.isBlank()) {
      return Map.of();
    }
    Object value;
    try {
      value = Json.read(raw.strip().getBytes(StandardCharsets.UTF_8));
    } catch (JsonParseException e) {
      problems.add(APP_CLIENTS + " is not valid JSON" + where(e));
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> clients)) {
      problems.add(APP_CLIENTS + " must be a JSON object: app client id -> {variable: value}");
      return Map.of();
    }
    Map<String, Map<String, String>> overlays = new LinkedHashMap<>();
    for (Map.Entry<?, ?> client : clients.entrySet()) {
      String id = String.valueOf(client.getKey());
      if (!CLIENT_ID.matcher(id).matches()) {
        problems.add(
            APP_CLIENTS
                + " has a key that is not an app client id (1-128 letters, digits, '_' or '+'; got "
                + id.length()
                + " characters)");
        continue;
      }
      if (!(client.getValue() instanceof Map<?, ?> settings)) {
        problems.add(APP_CLIENTS + " client " + id + " must map to an object of variables");
        continue;
      }
      overlays.put(id, overlay(id, settings, problems));
    }
    return Collections.unmodifiableMap(overlays);
  }

  private static Map<String, String> overlay(String id, Map<?, ?> settings, List<String> problems) {
    Map<String, String> overlay = new LinkedHashMap<>();
    for (Map.Entry<?, ?> setting : settings.entrySet()) {
      String name = String.valueOf(setting.getKey());
      String prefix = APP_CLIENTS + " client " + id + ": ";
      if (!name.matches("[A-Za-z][A-Za-z0-9_]{0,127}") || !isPerClient(name)) {
        problems.add(
            prefix
                + (name.matches("[A-Za-z][A-Za-z0-9_]{0,127}") ? name : "a variable")
                + " cannot be set per app client (only WHATSAPP_TEMPLATE_NAME*, "
                + "WHATSAPP_TEMPLATE_LANGUAGE*, SMS_TEXT*)");
      } else if (!(setting.getValue() instanceof String text) || text.isBlank()) {
        problems.add(prefix + name + " must be a non-empty string");
      } else {
        overlay.put(name, text);
      }
    }
    return Collections.unmodifiableMap(overlay);
  }

  /** Where the JSON broke, never what it said (it may hold anything pasted by mistake). */
  private static String where(JsonParseException e) {
    return " (at column " + e.column() + ")";
  }
}
