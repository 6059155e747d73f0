package dev.cognitowa.otp.sender.config;

import static dev.cognitowa.otp.sender.config.EnvironmentVariables.*;

import dev.cognitowa.otp.sender.delivery.TemplateRef;
import dev.cognitowa.otp.sender.delivery.TemplateSet;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.settings.Settings;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the template settings: a template and default language per trigger source, the languages a
 * user's locale may pick ({@code WHATSAPP_TEMPLATE_LANGUAGES}), and the same for each app client of
 * {@code OTP_APP_CLIENTS}. Problems go to the {@link EnvironmentReader}'s list, so they are
 * reported with every other.
 */
final class TemplateReader {
  static final String DEFAULT_TEMPLATE_NAME = Settings.TEMPLATE_NAME;
  static final String DEFAULT_TEMPLATE_LANGUAGE = Settings.TEMPLATE_LANGUAGE;

  /**
   * AdminCreateUser carries a password, which authentication templates (15 characters, code only)
   * cannot.
   */
  static final String DEFAULT_TEMPORARY_PASSWORD_TEMPLATE = Settings.TEMPORARY_PASSWORD_TEMPLATE;

  /**
   * Meta lists about 130 template languages (May 2026); every listed one costs an approval per
   * template, and 64 is far more than any pool gets approved.
   */
  static final int MAX_TEMPLATE_LANGUAGES = 64;

  /** Meta template names: lower-case letters, digits and underscores, at most 512 characters. */
  private static final Pattern TEMPLATE_NAME_PATTERN = Pattern.compile("[a-z0-9_]{1,512}");

  /**
   * Meta language codes: {@code en}, {@code en_US}, {@code zh_CN}, {@code pt_BR}, {@code es_419}...
   */
  private static final Pattern LANGUAGE_PATTERN = Pattern.compile("[a-z]{2,3}(_[A-Za-z0-9]{2,4})?");

  private final EnvironmentReader variables;

  TemplateReader(EnvironmentReader variables) {
    this.variables = variables;
  }

  /** The templates of the pool (or, in a reader over a merged overlay, of one app client). */
  TemplateSet templateSet() {
    String defaultLanguage =
        variables.matching(
            TEMPLATE_LANGUAGE, DEFAULT_TEMPLATE_LANGUAGE, LANGUAGE_PATTERN, LANGUAGE_RULE);
    return new TemplateSet(templates(defaultLanguage), templateLanguages(defaultLanguage));
  }

  /**
   * {@code WHATSAPP_TEMPLATE_LANGUAGES}: WhatsApp codes, each once, the default among them; unset,
   * none: no choice by locale, every template goes out in its own default language (a per-source
   * language may name a template that exists in that language only).
   */
  private List<String> templateLanguages(String defaultLanguage) {
    Optional<String> raw = variables.optional(TEMPLATE_LANGUAGES);
    if (raw.isEmpty()) {
      return List.of();
    }
    Set<String> languages = new LinkedHashSet<>();
    for (String part : raw.get().split(",", -1)) {
      String code = part.strip();
      if (code.isEmpty()) {
        variables.problems().add(TEMPLATE_LANGUAGES + " has an empty entry (a comma too many?)");
      } else if (HYPHENATED_LANGUAGE.matcher(code).matches()) {
        variables
            .problems()
            .add(
                TEMPLATE_LANGUAGES
                    + " lists "
                    + code
                    + ": WhatsApp's codes use '_' ("
                    + code.replace('-', '_')
                    + ")");
      } else if (!LANGUAGE_PATTERN.matcher(code).matches()) {
        variables
            .problems()
            .add(
                TEMPLATE_LANGUAGES
                    + " must list only "
                    + LANGUAGE_RULE
                    + "s "
                    + EnvironmentReader.unshown(code));
      } else if (!languages.add(code)) {
        variables.problems().add(TEMPLATE_LANGUAGES + " lists " + code + " twice");
      }
    }
    if (languages.size() > MAX_TEMPLATE_LANGUAGES) {
      variables
          .problems()
          .add(
              TEMPLATE_LANGUAGES
                  + " lists "
                  + languages.size()
                  + " languages, at most "
                  + MAX_TEMPLATE_LANGUAGES
                  + " allowed");
    }
    if (LANGUAGE_PATTERN.matcher(defaultLanguage).matches()
        && !languages.isEmpty()
        && !languages.contains(defaultLanguage)) {
      variables
          .problems()
          .add(
              TEMPLATE_LANGUAGES
                  + " must list the default language "
                  + defaultLanguage
                  + " ("
                  + TEMPLATE_LANGUAGE
                  + ")");
    }
    return List.copyOf(languages);
  }

  /**
   * {@code OTP_APP_CLIENTS}: each app client's overlay laid over this environment and read like it;
   * a problem the pool's own settings already have is reported once, not once per client.
   */
  Map<String, TemplateSet> appClients() {
    Map<String, Map<String, String>> overlays =
        AppClientSettings.read(variables.env(), variables.problems());
    Map<String, TemplateSet> sets = new LinkedHashMap<>();
    overlays.forEach(
        (id, overlay) -> {
          EnvironmentReader reader =
              variables.over(AppClientSettings.merged(variables.env(), overlay));
          TemplateSet set = new TemplateReader(reader).templateSet();
          for (String problem : reader.problems()) {
            if (!variables.problems().contains(problem)) {
              variables.problems().add(APP_CLIENTS + " client " + id + ": " + problem);
            }
          }
          sets.put(id, set);
        });
    return sets;
  }

  private Map<TriggerSource, TemplateRef> templates(String defaultLanguage) {
    String defaultName =
        variables.matching(
            TEMPLATE_NAME, DEFAULT_TEMPLATE_NAME, TEMPLATE_NAME_PATTERN, TEMPLATE_RULE);
    Map<TriggerSource, TemplateRef> templates = new EnumMap<>(TriggerSource.class);
    for (TriggerSource source : TriggerSource.values()) {
      String fallbackName =
          source.carriesTemporaryPassword() ? DEFAULT_TEMPORARY_PASSWORD_TEMPLATE : defaultName;
      String name =
          overriding(templateName(source), fallbackName, TEMPLATE_NAME_PATTERN, TEMPLATE_RULE);
      String language =
          overriding(templateLanguage(source), defaultLanguage, LANGUAGE_PATTERN, LANGUAGE_RULE);
      templates.put(source, new TemplateRef(name, language));
    }
    return templates;
  }

  private static final String TEMPLATE_RULE =
      "lower-case letters, digits and '_' (as approved in WhatsApp Manager)";
  private static final String LANGUAGE_RULE = "a WhatsApp language code such as en_US or pt_BR";

  /** A BCP 47 tag where a WhatsApp code belongs: {@code pt-BR} for {@code pt_BR}. */
  private static final Pattern HYPHENATED_LANGUAGE = Pattern.compile("[a-z]{2,3}-[A-Za-z0-9]{2,4}");

  /**
   * A per-source override, checked only when set: a bad shared value is reported once, under its
   * own name, not again under every per-source name that inherits it.
   */
  private String overriding(String name, String inherited, Pattern pattern, String rule) {
    return variables.optional(name).isPresent()
        ? variables.matching(name, inherited, pattern, rule)
        : inherited;
  }
}
