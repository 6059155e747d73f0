package dev.cognitowa.otp.sender.config;

import static dev.cognitowa.otp.sender.config.EnvironmentVariables.*;

import dev.cognitowa.otp.sender.config.SenderConfig.Decryption;
import dev.cognitowa.otp.sender.config.SenderConfig.TokenSource;
import dev.cognitowa.otp.sender.delivery.TemplateSet;
import dev.cognitowa.otp.sender.support.Sensitive;
import dev.cognitowa.otp.settings.Channels;
import dev.cognitowa.otp.settings.Settings;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and checks the environment, collecting every problem before failing once. */
final class EnvironmentReader {
  static final String DEFAULT_API_BASE_URL = Settings.API_BASE_URL.defaultValue();

  /** A current Graph API version; Meta supports each version for about two years. */
  static final String DEFAULT_API_VERSION = Settings.GRAPH_API_VERSION;

  /**
   * Five minutes: a rotated token is picked up quickly, yet a busy container asks Secrets Manager
   * rarely.
   */
  static final Duration DEFAULT_TOKEN_CACHE_TTL =
      Duration.ofSeconds(Settings.ACCESS_TOKEN_CACHE_SECONDS.defaultInt());

  /**
   * Graph answers a send in well under a second; 5 s leaves room for a slow TLS handshake on a cold
   * container.
   */
  static final Duration DEFAULT_REQUEST_TIMEOUT =
      Duration.ofMillis(Settings.REQUEST_TIMEOUT_MILLIS.defaultInt());

  /**
   * Three attempts ride out a throttling burst yet keep the worst case well inside a 10-30 s
   * function timeout.
   */
  static final int DEFAULT_MAX_ATTEMPTS = Settings.MAX_ATTEMPTS.defaultInt();

  /** More than five attempts only delays the async retry Lambda makes anyway. */
  static final int MAX_MAX_ATTEMPTS = Settings.MAX_ATTEMPTS.max();

  private static final Pattern PHONE_NUMBER_ID_FORMAT = Pattern.compile("[0-9]{1,32}");
  private static final String PHONE_NUMBER_ID_RULE =
      "digits only (the phone-number id from WhatsApp Manager, not the phone number)";
  private static final Pattern API_VERSION_PATTERN = Pattern.compile("v[0-9]{1,3}\\.[0-9]{1,2}");

  private static final Pattern KMS_KEY_ARN_PATTERN =
      Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]{1,128}");
  private static final Pattern USER_POOL_ID_PATTERN = Pattern.compile("[\\w-]+_[0-9a-zA-Z]+");

  /**
   * A secret's ARN: arn:aws:secretsmanager:region:account:secret:name (Secrets Manager adds "-" and
   * 6 characters).
   */
  private static final Pattern SECRET_ARN_PATTERN =
      Pattern.compile(
          "arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]{1,512}");

  /** Secrets Manager's rule for names: 1 to 512 letters, digits and / _ + = . @ - */
  private static final Pattern SECRET_NAME_PATTERN = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");

  /**
   * What a pasted token looks like, though it passes as a name: Meta's tokens start "EAA" and run
   * on for some 200 letters and digits. No one names a secret with 65 letters and digits in a row
   * either.
   */
  private static final Pattern TOKEN_LIKE = Pattern.compile("EAA[A-Za-z0-9]{17,}|[A-Za-z0-9]{65,}");

  /**
   * Numbers up to five digits are echoed in errors (every limit is below 100000); longer ones could
   * be a phone.
   */
  private static final int MAX_ECHOED_NUMBER = 99_999;

  /**
   * DynamoDB table names (3-255 of letters, digits, '_', '-', '.'), or a table ARN, which the API
   * accepts too.
   */
  private static final Pattern LEDGER_TABLE_PATTERN =
      Pattern.compile(
          "(arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:[0-9]{12}:table/)?[A-Za-z0-9_.-]{3,255}");

  /** The Cloud API channel's name, the one that needs a phone-number id and an access token. */
  static final String CLOUD_API_CHANNEL = Channels.WHATSAPP;

  /** WhatsApp through the Cloud API alone, as before channels could be chained. */
  static final String DEFAULT_CHANNELS = CLOUD_API_CHANNEL;

  private final Map<String, String> env;
  private final Set<String> availableChannels;
  private final List<String> problems = new ArrayList<>();

  EnvironmentReader(Map<String, String> env, Set<String> availableChannels) {
    this.env = env;
    this.availableChannels = availableChannels;
  }

  /** A reader of another environment (an app client's overlay laid over this one). */
  EnvironmentReader over(Map<String, String> otherEnv) {
    return new EnvironmentReader(otherEnv, availableChannels);
  }

  Map<String, String> env() {
    return env;
  }

  /** The problems found so far; readers of parts of the environment add theirs here. */
  List<String> problems() {
    return problems;
  }

  SenderConfig read(boolean requireDecryption) {
    List<String> channels = channels();
    // the Cloud API's own settings are asked for only when its channel is listed: a deployment
    // that sends through End User Messaging or SMS alone has no phone-number id or token to give
    boolean cloudApi = channels.contains(CLOUD_API_CHANNEL);
    String phoneNumberId =
        cloudApi ? required(PHONE_NUMBER_ID, PHONE_NUMBER_ID_RULE, PHONE_NUMBER_ID_FORMAT) : null;
    TokenSource token = cloudApi ? tokenSource() : null;
    URI baseUrl = baseUrl();
    String version = matching(API_VERSION, DEFAULT_API_VERSION, API_VERSION_PATTERN, "like v26.0");
    TemplateReader templateReader = new TemplateReader(this);
    TemplateSet templateSet = templateReader.templateSet();
    Map<String, TemplateSet> appClients = templateReader.appClients();
    Duration requestTimeout =
        Duration.ofMillis(
            integer(
                REQUEST_TIMEOUT_MILLIS,
                (int) DEFAULT_REQUEST_TIMEOUT.toMillis(),
                Settings.REQUEST_TIMEOUT_MILLIS.min(),
                Settings.REQUEST_TIMEOUT_MILLIS.max()));
    int maxAttempts =
        integer(MAX_ATTEMPTS, DEFAULT_MAX_ATTEMPTS, Settings.MAX_ATTEMPTS.min(), MAX_MAX_ATTEMPTS);
    Optional<Decryption> decryption =
        requireDecryption ? Optional.ofNullable(decryption()) : Optional.empty();
    Optional<String> poolId =
        optional(USER_POOL_ID)
            .flatMap(
                id -> {
                  if (!USER_POOL_ID_PATTERN.matcher(id).matches()) {
                    problems.add(USER_POOL_ID + " must look like eu-west-1_AbC123 " + unshown(id));
                    return Optional.empty();
                  }
                  return Optional.of(id);
                });
    Optional<String> ledgerTable =
        requireDecryption
            ? optional(LEDGER_TABLE)
                .filter(
                    table -> {
                      if (!LEDGER_TABLE_PATTERN.matcher(table).matches()) {
                        problems.add(
                            LEDGER_TABLE
                                + " must be a DynamoDB table name or table ARN "
                                + unshown(table));
                        return false;
                      }
                      return true;
                    })
            : Optional.empty();
    if (!problems.isEmpty()) {
      throw new SenderConfigurationException(problems);
    }
    return new SenderConfig(
        phoneNumberId,
        token,
        baseUrl,
        version,
        templateSet.templates(),
        templateSet.languages(),
        appClients,
        requestTimeout,
        maxAttempts,
        decryption,
        poolId,
        ledgerTable,
        channels);
  }

  /** {@code OTP_CHANNELS}: known, available in this build, each once, none empty. */
  private List<String> channels() {
    String raw = optional(CHANNELS).orElse(DEFAULT_CHANNELS);
    Set<String> channels = new LinkedHashSet<>();
    for (String part : raw.split(",", -1)) {
      String name = part.strip();
      if (name.isEmpty()) {
        problems.add(CHANNELS + " has an empty entry (a comma too many?)");
      } else if (!SenderConfig.CHANNEL_NAMES.contains(name)) {
        problems.add(
            CHANNELS
                + " names an unknown channel "
                + (name.length() <= 20 && name.matches("[a-z0-9-]+") ? name : unshown(name))
                + "; known: "
                + String.join(", ", SenderConfig.CHANNEL_NAMES));
      } else if (!availableChannels.contains(name)) {
        problems.add(CHANNELS + ": channel " + name + " is not available in this build");
      } else if (!channels.add(name)) {
        problems.add(CHANNELS + " lists " + name + " twice");
      }
    }
    return List.copyOf(channels);
  }

  private TokenSource tokenSource() {
    Optional<String> direct = optional(ACCESS_TOKEN);
    Optional<String> secretId = optional(ACCESS_TOKEN_SECRET_ID);
    int ttlSeconds =
        integer(
            ACCESS_TOKEN_CACHE_SECONDS,
            (int) DEFAULT_TOKEN_CACHE_TTL.toSeconds(),
            Settings.ACCESS_TOKEN_CACHE_SECONDS.min(),
            Settings.ACCESS_TOKEN_CACHE_SECONDS.max());
    if (direct.isPresent() && secretId.isPresent()) {
      problems.add("set only one of " + ACCESS_TOKEN + " and " + ACCESS_TOKEN_SECRET_ID);
      return null;
    }
    if (direct.isPresent()) {
      return new TokenSource.Direct(Sensitive.of(direct.get()));
    }
    if (secretId.isPresent()) {
      if (!isSecretNameOrArn(secretId.get())) {
        // not echoed, not even in part: this is where a token gets pasted by mistake
        problems.add(
            ACCESS_TOKEN_SECRET_ID
                + " must be a Secrets Manager secret name or ARN (letters, digits and "
                + "/_+=.@-); the value is not shown, as it may be the token itself: store the token in the secret and put "
                + "the secret's name here");
        return null;
      }
      return new TokenSource.SecretsManager(secretId.get(), Duration.ofSeconds(ttlSeconds));
    }
    problems.add(ACCESS_TOKEN_SECRET_ID + " is not set (or " + ACCESS_TOKEN + " for local runs)");
    return null;
  }

  private URI baseUrl() {
    String raw = optional(API_BASE_URL).orElse(DEFAULT_API_BASE_URL);
    try {
      URI uri = new URI(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
      String scheme = uri.getScheme();
      if (uri.getHost() == null || !("https".equals(scheme) || "http".equals(scheme))) {
        problems.add(API_BASE_URL + " must be an absolute http(s) URL " + unshown(raw));
      } else if ("http".equals(scheme) && !isLoopback(uri.getHost())) {
        problems.add(
            API_BASE_URL
                + " must use https unless the host is loopback (the access token travels in it)");
      } else if (uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
        problems.add(API_BASE_URL + " must not carry a query, fragment or user info");
      }
      return uri;
    } catch (URISyntaxException e) {
      problems.add(API_BASE_URL + " is not a valid URL " + unshown(raw));
      return null;
    }
  }

  private static boolean isLoopback(String host) {
    if ("localhost".equalsIgnoreCase(host)) {
      return true;
    }
    String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      return false; // never resolve names here: configuration reading must not touch the network
    }
    try {
      return InetAddress.getByName(literal).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private Decryption decryption() {
    Optional<String> keyArn = optional(KMS_KEY_ARN);
    Optional<String> localKey = optional(LOCAL_AES_KEY);
    if (keyArn.isPresent() && localKey.isPresent()) {
      problems.add("set only one of " + KMS_KEY_ARN + " and " + LOCAL_AES_KEY);
      return null;
    }
    if (keyArn.isPresent()) {
      if (!KMS_KEY_ARN_PATTERN.matcher(keyArn.get()).matches()) {
        problems.add(
            KMS_KEY_ARN
                + " must be a key ARN (arn:aws:kms:<region>:<account>:key/<id>) "
                + unshown(keyArn.get()));
        return null;
      }
      return new Decryption.Kms(keyArn.get());
    }
    if (localKey.isPresent()) {
      checkAesKey(localKey.get());
      String namespace = optional(LOCAL_KEY_NAMESPACE).orElse(null);
      String name = optional(LOCAL_KEY_NAME).orElse(null);
      if (namespace == null) {
        problems.add(LOCAL_KEY_NAMESPACE + " is not set (required with " + LOCAL_AES_KEY + ")");
      }
      if (name == null) {
        problems.add(LOCAL_KEY_NAME + " is not set (required with " + LOCAL_AES_KEY + ")");
      }
      return new Decryption.LocalAes(Sensitive.of(localKey.get()), namespace, name);
    }
    problems.add(KMS_KEY_ARN + " is not set (or " + LOCAL_AES_KEY + " for local runs)");
    return null;
  }

  private void checkAesKey(String base64) {
    try {
      int length = Base64.getDecoder().decode(base64).length;
      if (length != 16 && length != 24 && length != 32) {
        problems.add(LOCAL_AES_KEY + " must decode to 16, 24 or 32 bytes, was " + length);
      }
    } catch (IllegalArgumentException e) {
      problems.add(LOCAL_AES_KEY + " is not valid base64");
    }
  }

  private String required(String name, String rule, Pattern pattern) {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      problems.add(name + " is not set");
      return null;
    }
    if (!pattern.matcher(value.get()).matches()) {
      // not echoed: a phone number pasted here by mistake must not reach the logs
      problems.add(name + " must be " + rule);
    }
    return value.get();
  }

  String matching(String name, String fallback, Pattern pattern, String rule) {
    String value = optional(name).orElse(fallback);
    if (!pattern.matcher(value).matches()) {
      problems.add(name + " must be " + rule + " " + unshown(value));
    }
    return value;
  }

  private int integer(String name, int fallback, int min, int max) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.get());
      if (value < min || value > max) {
        problems.add(
            name
                + " must be "
                + min
                + ".."
                + max
                + (Math.abs((long) value) <= MAX_ECHOED_NUMBER
                    ? ", was " + value
                    : " " + unshown(raw.get())));
        return fallback;
      }
      return value;
    } catch (NumberFormatException e) {
      problems.add(name + " must be a whole number " + min + ".." + max + " " + unshown(raw.get()));
      return fallback;
    }
  }

  /** A set, non-blank value, trimmed; blank counts as unset (CloudFormation often writes ""). */
  Optional<String> optional(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  private static boolean isSecretNameOrArn(String id) {
    return SECRET_ARN_PATTERN.matcher(id).matches()
        || (SECRET_NAME_PATTERN.matcher(id).matches() && !TOKEN_LIKE.matcher(id).matches());
  }

  /**
   * Says what was wrong without echoing the value: whatever lands in a misnamed variable (a token,
   * a key, a phone number) would otherwise reach the logs in the start-up error.
   */
  static String unshown(String value) {
    return "(got " + value.length() + " characters, not shown)";
  }
}
