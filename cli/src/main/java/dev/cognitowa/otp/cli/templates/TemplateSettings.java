package dev.cognitowa.otp.cli.templates;

import dev.cognitowa.otp.sender.config.AppClientSettings;
import dev.cognitowa.otp.sender.config.EnvironmentVariables;
import dev.cognitowa.otp.sender.config.SenderConfig.TokenSource;
import dev.cognitowa.otp.sender.config.SenderConfigurationException;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.support.Sensitive;
import dev.cognitowa.otp.settings.Channels;
import dev.cognitowa.otp.settings.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What {@code otp templates} reads from the environment: the account, how to reach it, and every
 * (template, language) the sender's settings can send. Every problem is collected and thrown at
 * once as a {@link SenderConfigurationException}, as the sender does.
 *
 * @param channel {@code whatsapp} (Graph API) or {@code whatsapp-eum} (End User Messaging Social)
 * @param accountId the WhatsApp Business account: Graph's numeric id, or End User Messaging
 *     Social's {@code waba-...} id or ARN
 * @param apiBaseUrl Graph's base URL (unused for whatsapp-eum)
 * @param apiVersion Graph's version
 * @param token the Graph token's source; empty for whatsapp-eum, which IAM authorises
 * @param wanted every template and language the configuration sends, each once, in order: the
 *     pool's, then those of the app clients in {@code OTP_APP_CLIENTS}
 */
public record TemplateSettings(
    String channel,
    String accountId,
    URI apiBaseUrl,
    String apiVersion,
    Optional<TokenSource> token,
    List<WantedTemplate> wanted) {
  /** The WhatsApp Business account (WABA) id, whose templates these are. */
  public static final String BUSINESS_ACCOUNT_ID = "WHATSAPP_BUSINESS_ACCOUNT_ID";

  /** The same account as End User Messaging Social knows it ({@code waba-...} or its ARN). */
  public static final String EUM_BUSINESS_ACCOUNT_ID = "EUM_WHATSAPP_BUSINESS_ACCOUNT_ID";

  /**
   * The languages templates exist in, comma-separated WhatsApp codes: the sender chooses among
   * these per user (issue 10), and {@code otp templates} creates and checks each.
   */
  public static final String TEMPLATE_LANGUAGES = "WHATSAPP_TEMPLATE_LANGUAGES";

  public static final String GRAPH = Channels.WHATSAPP;
  public static final String EUM = Channels.WHATSAPP_EUM;

  /** The sender's defaults, from the settings registry. */
  static final String DEFAULT_TEMPLATE_NAME = Settings.TEMPLATE_NAME;

  static final String DEFAULT_TEMPORARY_PASSWORD_TEMPLATE = Settings.TEMPORARY_PASSWORD_TEMPLATE;
  static final String DEFAULT_LANGUAGE = Settings.TEMPLATE_LANGUAGE;
  static final String DEFAULT_API_BASE_URL = Settings.API_BASE_URL.defaultValue();
  static final String DEFAULT_API_VERSION = Settings.GRAPH_API_VERSION;

  /**
   * Secrets Manager is read once per command, so the sender's token cache has nothing to keep; its
   * TTL only has to be positive.
   */
  static final Duration TOKEN_CACHE = Duration.ofMinutes(1);

  /** Meta: lower-case letters, digits and underscores, at most 512 characters. */
  private static final Pattern TEMPLATE_NAME = Pattern.compile("[a-z0-9_]{1,512}");

  /** WhatsApp language codes: {@code en}, {@code en_US}, {@code pt_BR}, {@code es_419}... */
  static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Za-z0-9]{2,4})?");

  /** Graph object ids are decimal digits. */
  private static final Pattern GRAPH_ID = Pattern.compile("[0-9]{1,32}");

  /**
   * The service's own pattern for a linked account id (model shape
   * LinkedWhatsAppBusinessAccountId).
   */
  private static final Pattern EUM_ACCOUNT_ID =
      Pattern.compile(
          "waba-[0-9a-zA-Z]{1,100}|arn:[a-z0-9-]+:social-messaging:[a-z0-9-]+:[0-9]{12}:waba/[0-9a-zA-Z]{1,100}");

  private static final Pattern API_VERSION = Pattern.compile("v[0-9]{1,3}\\.[0-9]{1,2}");

  /** Secrets Manager names and ARNs: letters, digits and / _ + = . @ - : */
  private static final Pattern SECRET_ID = Pattern.compile("[A-Za-z0-9/_+=.@:-]{1,2048}");

  public TemplateSettings {
    token = token == null ? Optional.empty() : token;
    wanted = List.copyOf(wanted);
  }

  /**
   * Reads the settings for one channel.
   *
   * @param languages the languages asked for on the command line; empty: the configured ones
   */
  public static TemplateSettings fromEnvironment(
      Map<String, String> env, String channel, List<String> languages) {
    return new Reader(env).read(channel, languages);
  }

  /** The distinct template names of one category, in order. */
  public List<String> namesOf(TemplateCategory category) {
    return wanted.stream()
        .filter(w -> w.category() == category)
        .map(WantedTemplate::name)
        .distinct()
        .toList();
  }

  private static final class Reader {
    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    Reader(Map<String, String> env) {
      this.env = env;
    }

    TemplateSettings read(String channel, List<String> asked) {
      String accountId = null;
      URI baseUrl = null;
      String version = value(EnvironmentVariables.API_VERSION).orElse(DEFAULT_API_VERSION);
      if (!API_VERSION.matcher(version).matches()) {
        problems.add(EnvironmentVariables.API_VERSION + " must look like v26.0");
      }
      TokenSource token = null;
      if (GRAPH.equals(channel)) {
        accountId =
            required(
                BUSINESS_ACCOUNT_ID,
                GRAPH_ID,
                "digits only (the WhatsApp Business account id from WhatsApp Manager)");
        baseUrl = baseUrl();
        token = token();
      } else if (EUM.equals(channel)) {
        accountId =
            required(
                EUM_BUSINESS_ACCOUNT_ID,
                EUM_ACCOUNT_ID,
                "waba-... or its ARN (End User Messaging Social's id of the account)");
      } else {
        problems.add("--channel must be " + GRAPH + " or " + EUM);
      }
      List<WantedTemplate> wanted = withAppClients(wanted(asked), asked);
      if (!problems.isEmpty()) {
        throw new SenderConfigurationException(problems);
      }
      return new TemplateSettings(
          channel, accountId, baseUrl, version, Optional.ofNullable(token), wanted);
    }

    /**
     * Every source's template in every language: the languages asked for, else {@code
     * WHATSAPP_TEMPLATE_LANGUAGES}, else {@code WHATSAPP_TEMPLATE_LANGUAGE}; a source's own
     * language ({@code WHATSAPP_TEMPLATE_LANGUAGE_<SOURCE>}) is added for its template.
     */
    private List<WantedTemplate> wanted(List<String> asked) {
      String fallback = value(EnvironmentVariables.TEMPLATE_LANGUAGE).orElse(DEFAULT_LANGUAGE);
      List<String> languages =
          !asked.isEmpty()
              ? languages("--languages", asked)
              : languages(
                  TEMPLATE_LANGUAGES,
                  List.of(value(TEMPLATE_LANGUAGES).orElse(fallback).split(",", -1)));
      String defaultName = value(EnvironmentVariables.TEMPLATE_NAME).orElse(DEFAULT_TEMPLATE_NAME);
      Set<WantedTemplate> wanted = new LinkedHashSet<>();
      for (TriggerSource source : TriggerSource.values()) {
        boolean password = source.carriesTemporaryPassword();
        String name =
            value(EnvironmentVariables.templateName(source))
                .orElse(password ? DEFAULT_TEMPORARY_PASSWORD_TEMPLATE : defaultName);
        if (!TEMPLATE_NAME.matcher(name).matches()) {
          problems.add(
              EnvironmentVariables.templateName(source)
                  + " must be lower-case letters, digits and '_'");
          continue;
        }
        TemplateCategory category =
            password ? TemplateCategory.UTILITY : TemplateCategory.AUTHENTICATION;
        List<String> own = new ArrayList<>(languages);
        if (asked.isEmpty()) {
          value(EnvironmentVariables.templateLanguage(source))
              .filter(l -> !own.contains(l))
              .ifPresent(own::add);
        }
        for (String language : own) {
          if (LANGUAGE.matcher(language).matches()) {
            wanted.add(new WantedTemplate(name, language, category));
          }
        }
      }
      return List.copyOf(wanted);
    }

    /**
     * The pool's templates, then those of each app client {@code OTP_APP_CLIENTS} names (its
     * overlay laid over the environment, as the sender reads it), each once.
     */
    private List<WantedTemplate> withAppClients(List<WantedTemplate> pool, List<String> asked) {
      Set<WantedTemplate> all = new LinkedHashSet<>(pool);
      AppClientSettings.read(env)
          .forEach(
              (id, overlay) -> {
                Reader client = new Reader(AppClientSettings.merged(env, overlay));
                all.addAll(client.wanted(asked));
                client.problems.stream()
                    .filter(problem -> !problems.contains(problem))
                    .forEach(
                        problem -> problems.add("OTP_APP_CLIENTS client " + id + ": " + problem));
              });
      return List.copyOf(all);
    }

    private List<String> languages(String origin, List<String> raw) {
      Set<String> languages = new LinkedHashSet<>();
      for (String part : raw) {
        String language = part.strip();
        if (!LANGUAGE.matcher(language).matches()) {
          problems.add(
              origin
                  + " must list WhatsApp language codes such as en_US,pt_BR,es"
                  + (language.isEmpty() ? " (an empty entry)" : " (got " + shown(language) + ")"));
        } else {
          languages.add(language);
        }
      }
      return List.copyOf(languages);
    }

    private TokenSource token() {
      Optional<String> direct = value(EnvironmentVariables.ACCESS_TOKEN);
      Optional<String> secret = value(EnvironmentVariables.ACCESS_TOKEN_SECRET_ID);
      if (direct.isPresent() && secret.isPresent()) {
        problems.add(
            "set only one of "
                + EnvironmentVariables.ACCESS_TOKEN
                + " and "
                + EnvironmentVariables.ACCESS_TOKEN_SECRET_ID);
        return null;
      }
      if (direct.isPresent()) {
        return new TokenSource.Direct(Sensitive.of(direct.get()));
      }
      if (secret.isPresent() && SECRET_ID.matcher(secret.get()).matches()) {
        return new TokenSource.SecretsManager(secret.get(), TOKEN_CACHE);
      }
      problems.add(
          secret.isPresent()
              ? EnvironmentVariables.ACCESS_TOKEN_SECRET_ID
                  + " must be a Secrets Manager secret name or ARN (the value is not shown)"
              : EnvironmentVariables.ACCESS_TOKEN
                  + " (or "
                  + EnvironmentVariables.ACCESS_TOKEN_SECRET_ID
                  + ") is not set: the templates API needs a token with whatsapp_business_management");
      return null;
    }

    private URI baseUrl() {
      String raw = value(EnvironmentVariables.API_BASE_URL).orElse(DEFAULT_API_BASE_URL);
      try {
        URI uri = new URI(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
        boolean https = "https".equals(uri.getScheme());
        boolean loopbackHttp = "http".equals(uri.getScheme()) && isLoopback(uri.getHost());
        if (uri.getHost() == null || !(https || loopbackHttp)) {
          problems.add(
              EnvironmentVariables.API_BASE_URL
                  + " must be an https URL (http only to a loopback host: the token travels in it)");
        }
        return uri;
      } catch (URISyntaxException e) {
        problems.add(EnvironmentVariables.API_BASE_URL + " is not a valid URL");
        return null;
      }
    }

    private static boolean isLoopback(String host) {
      return host != null
          && ("localhost".equalsIgnoreCase(host)
              || host.startsWith("127.")
              || "[::1]".equals(host)
              || "::1".equals(host));
    }

    private String required(String name, Pattern pattern, String rule) {
      Optional<String> value = value(name);
      if (value.isEmpty()) {
        problems.add(name + " is not set");
        return null;
      }
      if (!pattern.matcher(value.get()).matches()) {
        problems.add(name + " must be " + rule); // not echoed: it may be a pasted phone number
      }
      return value.get();
    }

    private Optional<String> value(String name) {
      String value = env.get(name);
      return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /**
     * Short, plain values are echoed to help; anything else might be a secret pasted by mistake.
     */
    private static String shown(String value) {
      return value.length() <= 12 && value.matches("[A-Za-z_-]+")
          ? value
          : value.length() + " characters, not shown";
    }
  }
}
