package dev.cognitowa.otp.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognitowa.otp.settings.ContextKeys;
import dev.cognitowa.otp.settings.Settings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awscdk.services.cognito.FeaturePlan;

/**
 * The ready stack's settings, read once from CDK context ({@code -c key=value} or {@code
 * cdk.json}); every problem is collected and reported together. Template names and languages are
 * checked by the construct itself.
 *
 * @param stackName the CloudFormation stack name; two deployments in one account differ only by
 *     this
 * @param phoneNumberId the WhatsApp Business phone-number id, with {@code whatsapp} in the chain
 * @param tokenSecretArn the token secret's complete ARN, or empty when {@code tokenSecretName} is
 *     used
 * @param tokenSecretName the token secret's name, or empty when {@code tokenSecretArn} is used
 * @param userPoolId an existing pool to serve, or empty to create one with an app client
 * @param retain whether {@code cdk destroy} keeps the pool (with deletion protection), its key and
 *     the log group
 * @param ledger whether the sender gets its DynamoDB delivery ledger
 * @param channels the delivery channels in the order they are tried ({@code OTP_CHANNELS})
 * @param eumPhoneNumberId the End User Messaging Social phone-number id, with {@code whatsapp-eum}
 * @param smsOriginationIdentity the End User Messaging SMS identity, with {@code sms}
 * @param smsConfigurationSet the End User Messaging SMS configuration set, with {@code sms}
 * @param smsText the SMS text of the code-bearing sources, with {@code sms} or {@code sns}
 * @param smsTextOverrides the SMS text per trigger source
 * @param deliveryStatus whether the delivery-status function is deployed (needs the ledger)
 * @param appSecretArn an existing app-secret secret's complete ARN, or empty
 * @param appSecretName an existing app-secret secret's name, or empty (neither: one is created)
 * @param fallbackWindowSeconds how long after a send a late {@code failed} still falls back
 * @param alarmEmail the address subscribed to the alarm topic, or empty for none
 * @param wafRateLimit requests per client IP address per five minutes above which the user pool's
 *     web ACL blocks, or empty for no web ACL
 * @param limitVariables the sender's limit variables ({@code OTP_LIMIT_*}, {@code OTP_*_COUNTRIES})
 * @param languageVariables the sender's language variables ({@code WHATSAPP_TEMPLATE_LANGUAGES},
 *     {@code OTP_APP_CLIENTS}, {@code SMS_TEXT_<lang>}) from the context keys of the same meaning
 *     (see infra/README.md), by variable name
 * @param domainPrefix a Cognito prefix domain for the created pool, which turns on the app client's
 *     OAuth authorization-code grant; empty for no domain and no OAuth
 * @param callbackUrls the app client's OAuth callback URLs, with {@code domainPrefix} only
 * @param architecture the CPU both functions run on ({@code architecture}: x86_64, the default, or
 *     arm64)
 * @param statusConcurrency the delivery-status function's reserved concurrency, or empty for none
 *     ({@code statusConcurrency}: a number, default 10, or {@code none})
 * @param senderConcurrency the sender's reserved concurrency, or empty for none (the default)
 * @param eumWabaId the WhatsApp Business Account whose End User Messaging Social events the status
 *     function takes ({@code waba-...} or its ARN), or empty for any of the account
 * @param featurePlan the created pool's feature plan ({@code featurePlan}: lite, the default,
 *     essentials or plus)
 */
public record OtpStackConfig(
    String stackName,
    Optional<String> phoneNumberId,
    Optional<String> tokenSecretArn,
    Optional<String> tokenSecretName,
    Optional<String> apiVersion,
    Optional<String> templateName,
    Optional<String> templateLanguage,
    Map<String, String> templateNameOverrides,
    Map<String, String> templateLanguageOverrides,
    Optional<String> userPoolId,
    boolean selfSignUp,
    MfaMode mfa,
    boolean tracing,
    boolean retain,
    boolean ledger,
    List<MessagingChannel> channels,
    Optional<String> eumPhoneNumberId,
    Optional<String> smsOriginationIdentity,
    Optional<String> smsConfigurationSet,
    Optional<String> smsText,
    Map<String, String> smsTextOverrides,
    boolean deliveryStatus,
    Optional<String> appSecretArn,
    Optional<String> appSecretName,
    int fallbackWindowSeconds,
    Optional<String> alarmEmail,
    Optional<Integer> wafRateLimit,
    Map<String, String> limitVariables,
    Map<String, String> languageVariables,
    Optional<String> domainPrefix,
    List<String> callbackUrls,
    LambdaArchitecture architecture,
    Optional<Integer> statusConcurrency,
    Optional<Integer> senderConcurrency,
    Optional<String> eumWabaId,
    FeaturePlan featurePlan) {

  /** Whether SMS (here: WhatsApp) is an optional or a required second factor. */
  public enum MfaMode {
    OPTIONAL,
    REQUIRED
  }

  public static final String DEFAULT_STACK_NAME = "CognitoWhatsAppOtp";

  /** The sender's default fallback window, five minutes. */
  static final int DEFAULT_FALLBACK_WINDOW_SECONDS = Settings.FALLBACK_WINDOW_SECONDS.defaultInt();

  /**
   * A complete Secrets Manager ARN ends in the hyphen and six characters Secrets Manager appends to
   * the name.
   */
  private static final Pattern COMPLETE_SECRET_ARN =
      Pattern.compile(
          "arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}");

  /** Secrets Manager's name alphabet and length. */
  private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");

  /** Cognito's pool id: region, underscore, id. */
  private static final Pattern USER_POOL_ID =
      Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d_[0-9A-Za-z]+");

  /** CloudFormation's stack-name rule. */
  private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,127}");

  private static final Pattern PHONE_NUMBER_ID = Pattern.compile("\\d{1,32}");

  /**
   * A Cognito prefix domain: lowercase letters, digits and inner hyphens, at most 63 characters (a
   * DNS label under {@code auth.<region>.amazoncognito.com}).
   */
  private static final Pattern DOMAIN_PREFIX =
      Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

  /** Cognito reserves these words in prefix domains. */
  private static final List<String> RESERVED_IN_PREFIX = List.of("aws", "amazon", "cognito");

  /** A callback over TLS, or plain http only to the developer's own machine. */
  private static final Pattern CALLBACK_URL =
      Pattern.compile("(https://[^\\s,]+|http://localhost(:\\d{1,5})?(/[^\\s,]*)?)");

  /**
   * An e-mail address as SNS takes it: one {@code @}, a dotted domain, no spaces; SNS itself then
   * asks the address to confirm.
   */
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

  public OtpStackConfig {
    // Sorted, so the synthesized environment (and with it the function's version hash) is the same
    // on every run.
    templateNameOverrides = Collections.unmodifiableMap(new TreeMap<>(templateNameOverrides));
    templateLanguageOverrides =
        Collections.unmodifiableMap(new TreeMap<>(templateLanguageOverrides));
    smsTextOverrides = Collections.unmodifiableMap(new TreeMap<>(smsTextOverrides));
    channels = List.copyOf(channels);
    limitVariables = Collections.unmodifiableMap(new TreeMap<>(limitVariables));
    languageVariables = Collections.unmodifiableMap(new TreeMap<>(languageVariables));
    callbackUrls = List.copyOf(callbackUrls);
  }

  /**
   * Reads the context keys documented in infra/README.md.
   *
   * @param context a context lookup such as {@code key -> app.getNode().tryGetContext(key)}
   * @throws DeploymentConfigurationException listing every missing or malformed value
   */
  public static OtpStackConfig fromContext(Function<String, Object> context) {
    Reader r = new Reader(context);
    String stackName = r.string("stackName").orElse(DEFAULT_STACK_NAME);
    r.require(
        STACK_NAME.matcher(stackName).matches(),
        "stackName must match " + STACK_NAME + ", was '" + stackName + "'");
    List<MessagingChannel> channels = r.channels();
    boolean cloudApi = channels.contains(MessagingChannel.WHATSAPP);
    Optional<String> phoneNumberId = phoneNumberId(r, cloudApi);
    SecretRef token = tokenSecret(r, cloudApi);
    Optional<String> secretArn = token.arn();
    Optional<String> secretName = token.name();
    SecretRef appSecret = appSecret(r);
    Optional<String> appSecretArn = appSecret.arn();
    Optional<String> appSecretName = appSecret.name();
    Optional<String> userPoolId = userPoolId(r);
    Optional<String> eumPhoneNumberId = r.string("eumPhoneNumberId");
    Optional<String> smsOriginationIdentity = r.string("smsOriginationIdentity");
    Optional<String> smsConfigurationSet = r.string("smsConfigurationSet");
    Optional<String> smsText = r.string("smsText");
    Map<String, String> smsTextOverrides = r.perSource("smsText.");
    r.problems.addAll(
        ChannelSettingsValidation.validate(
            channels,
            eumPhoneNumberId.orElse(null),
            smsOriginationIdentity.orElse(null),
            smsConfigurationSet.orElse(null),
            smsText.orElse(null),
            smsTextOverrides));
    boolean ledger = r.bool("ledger", true);
    // one channel has nothing to fall back to: the status path is then left out unless forced on
    boolean deliveryStatus = r.bool("deliveryStatus", ledger && channels.size() > 1);
    r.require(
        !deliveryStatus || ledger,
        "deliveryStatus=true needs the ledger (it finds the send a status belongs to there):"
            + " drop ledger=false, or set deliveryStatus=false");
    r.require(
        deliveryStatus || (appSecretArn.isEmpty() && appSecretName.isEmpty()),
        "appSecretArn/appSecretName are for the delivery-status function, which is off");
    int fallbackWindow =
        r.integer(
            ContextKeys.FALLBACK_WINDOW_SECONDS.key(),
            DEFAULT_FALLBACK_WINDOW_SECONDS,
            Settings.FALLBACK_WINDOW_SECONDS.min(),
            Settings.FALLBACK_WINDOW_SECONDS.max());
    Optional<String> alarmEmail = alarmEmail(r);
    Optional<Integer> wafRateLimit = wafRateLimit(r);
    Map<String, String> limitVariables = limitVariables(r, ledger, channels);
    Map<String, String> languageVariables = languageVariables(r);
    Optional<String> domainPrefix = domainPrefix(r, userPoolId);
    List<String> callbackUrls = callbackUrls(r, domainPrefix);
    r.require(
        !attach(context) || userPoolId.isPresent(),
        "attach=true attaches the sender to an existing pool: give its userPoolId (a pool the"
            + " stack creates is wired already)");
    LambdaArchitecture architecture = r.architecture();
    Optional<Integer> statusConcurrency =
        r.reservation(
            "statusConcurrency",
            Optional.of(WhatsAppOtpSenderProps.DEFAULT_STATUS_RESERVED_CONCURRENCY));
    Optional<Integer> senderConcurrency = r.reservation("senderConcurrency", Optional.empty());
    Optional<String> eumWabaId = r.string("eumWabaId");
    r.require(
        deliveryStatus || eumWabaId.isEmpty(),
        "eumWabaId is for the delivery-status function, which is off");
    FeaturePlan featurePlan = r.choice("featurePlan", FeaturePlan.class, FeaturePlan.LITE);
    r.require(
        userPoolId.isEmpty() || r.string("featurePlan").isEmpty(),
        "featurePlan is for a pool the stack creates; an existing pool keeps its own plan");
    OtpStackConfig config =
        new OtpStackConfig(
            stackName,
            phoneNumberId,
            secretArn,
            secretName,
            r.string("apiVersion"),
            r.string("templateName"),
            r.string("templateLanguage"),
            r.perSource("templateName."),
            r.perSource("templateLanguage."),
            userPoolId,
            r.bool("selfSignUp", true),
            r.choice("mfa", MfaMode.class, MfaMode.OPTIONAL),
            r.bool("tracing", false),
            r.bool("retain", true),
            ledger,
            channels,
            eumPhoneNumberId,
            smsOriginationIdentity,
            smsConfigurationSet,
            smsText,
            smsTextOverrides,
            deliveryStatus,
            appSecretArn,
            appSecretName,
            fallbackWindow,
            alarmEmail,
            wafRateLimit,
            limitVariables,
            languageVariables,
            domainPrefix,
            callbackUrls,
            architecture,
            statusConcurrency,
            senderConcurrency,
            eumWabaId,
            featurePlan);
    if (!r.problems.isEmpty()) {
      throw new DeploymentConfigurationException(r.problems);
    }
    return config;
  }

  /** A secret given by its complete ARN or by its name. */
  private record SecretRef(Optional<String> arn, Optional<String> name) {}

  /** {@code phoneNumberId}: required with, and only with, the Cloud API channel. */
  private static Optional<String> phoneNumberId(Reader r, boolean cloudApi) {
    Optional<String> phoneNumberId = r.string("phoneNumberId");
    r.require(
        phoneNumberId.isPresent() || !cloudApi,
        "phoneNumberId is not set (-c phoneNumberId=<the WhatsApp phone-number id>)");
    r.require(
        phoneNumberId.isEmpty() || cloudApi,
        "phoneNumberId is set but channels does not list whatsapp");
    phoneNumberId.ifPresent(
        id ->
            r.require(
                PHONE_NUMBER_ID.matcher(id).matches(),
                "phoneNumberId must be digits only, was '" + id + "'"));
    return phoneNumberId;
  }

  /** The Cloud API token's secret: exactly one of its complete ARN and its name, with whatsapp. */
  private static SecretRef tokenSecret(Reader r, boolean cloudApi) {
    Optional<String> secretArn = r.string("tokenSecretArn");
    Optional<String> secretName = r.string("tokenSecretName");
    r.require(
        secretArn.isPresent() != secretName.isPresent() || !cloudApi,
        "set exactly one of tokenSecretArn (complete ARN) and tokenSecretName");
    r.require(
        (secretArn.isEmpty() && secretName.isEmpty()) || cloudApi,
        "tokenSecretArn/tokenSecretName is set but channels does not list whatsapp");
    secretArn.ifPresent(
        arn ->
            r.require(
                COMPLETE_SECRET_ARN.matcher(arn).matches(),
                "tokenSecretArn must be the "
                    + "secret's complete ARN, ending in -XXXXXX as aws secretsmanager describe-secret shows it, was '"
                    + arn
                    + "'"));
    secretName.ifPresent(
        name ->
            r.require(
                SECRET_NAME.matcher(name).matches(),
                "tokenSecretName must be a Secrets Manager name, was '" + name + "'"));
    return new SecretRef(secretArn, secretName);
  }

  /** An existing secret for the webhook's app secret: at most one of its ARN and its name. */
  private static SecretRef appSecret(Reader r) {
    Optional<String> appSecretArn = r.string("appSecretArn");
    Optional<String> appSecretName = r.string("appSecretName");
    r.require(
        appSecretArn.isEmpty() || appSecretName.isEmpty(),
        "set at most one of appSecretArn (complete ARN) and appSecretName");
    appSecretArn.ifPresent(
        arn ->
            r.require(
                COMPLETE_SECRET_ARN.matcher(arn).matches(),
                "appSecretArn must be the secret's complete ARN, ending in -XXXXXX, was '"
                    + arn
                    + "'"));
    appSecretName.ifPresent(
        name ->
            r.require(
                SECRET_NAME.matcher(name).matches(),
                "appSecretName must be a Secrets Manager name, was '" + name + "'"));
    return new SecretRef(appSecretArn, appSecretName);
  }

  private static Optional<String> userPoolId(Reader r) {
    Optional<String> userPoolId = r.string("userPoolId");
    userPoolId.ifPresent(
        id ->
            r.require(
                USER_POOL_ID.matcher(id).matches(),
                "userPoolId must look like eu-west-1_AbCdEf123, was '" + id + "'"));
    return userPoolId;
  }

  private static Optional<String> alarmEmail(Reader r) {
    Optional<String> alarmEmail = r.string("alarmEmail");
    alarmEmail.ifPresent(
        email ->
            r.require(
                EMAIL.matcher(email).matches(),
                "alarmEmail must be one e-mail address (name@example.org), was '" + email + "'"));
    return alarmEmail;
  }

  private static Optional<Integer> wafRateLimit(Reader r) {
    return r.string("wafRateLimit").isEmpty()
        ? Optional.empty()
        : Optional.of(
            r.integer(
                "wafRateLimit",
                UserPoolFirewall.MIN_RATE_LIMIT,
                UserPoolFirewall.MIN_RATE_LIMIT,
                UserPoolFirewall.MAX_RATE_LIMIT));
  }

  /** The limit keys as the variables they become, checked as the sender checks them. */
  private static Map<String, String> limitVariables(
      Reader r, boolean ledger, List<MessagingChannel> channels) {
    Map<String, String> limitVariables = new LinkedHashMap<>();
    for (Map<String, String> keys :
        List.of(SendLimitSettings.COUNTS, SendLimitSettings.COUNTRIES)) {
      keys.forEach(
          (key, variable) -> r.string(key).ifPresent(value -> limitVariables.put(variable, value)));
    }
    r.problems.addAll(SendLimitSettings.validate(limitVariables, ledger, channels));
    Optional.ofNullable(SendLimitSettings.smsAllowListProblem(limitVariables, channels))
        .ifPresent(r.problems::add);
    return limitVariables;
  }

  /** The language keys as the variables they become, checked as the sender checks them. */
  private static Map<String, String> languageVariables(Reader r) {
    Map<String, String> languageVariables = new LinkedHashMap<>();
    List<String> templateLanguages = r.list("templateLanguages");
    if (!templateLanguages.isEmpty()) {
      languageVariables.put(LanguageSettings.LANGUAGES, String.join(",", templateLanguages));
    }
    r.json("appClients")
        .ifPresent(json -> languageVariables.put(LanguageSettings.APP_CLIENTS, json));
    r.textMap("localizedSmsTexts")
        .forEach(
            (suffix, text) ->
                languageVariables.put(LanguageSettings.SMS_TEXT_PREFIX + suffix, text));
    r.problems.addAll(
        LanguageSettings.validate(
            languageVariables, r.string("templateLanguage").orElse(Settings.TEMPLATE_LANGUAGE)));
    return languageVariables;
  }

  /** A Cognito prefix domain, for a pool the stack creates only. */
  private static Optional<String> domainPrefix(Reader r, Optional<String> userPoolId) {
    Optional<String> domainPrefix = r.string("domainPrefix");
    domainPrefix.ifPresent(
        prefix ->
            r.require(
                DOMAIN_PREFIX.matcher(prefix).matches()
                    && RESERVED_IN_PREFIX.stream().noneMatch(prefix::contains),
                "domainPrefix must be lowercase letters, digits and hyphens (at most 63), without"
                    + " aws, amazon or cognito, was '"
                    + prefix
                    + "'"));
    r.require(
        domainPrefix.isEmpty() || userPoolId.isEmpty(),
        "domainPrefix is for a pool the stack creates; an existing pool keeps its own domain");
    return domainPrefix;
  }

  /** The OAuth callback URLs: with a domain, and only then; https only. */
  private static List<String> callbackUrls(Reader r, Optional<String> domainPrefix) {
    List<String> callbackUrls = r.list("callbackUrls");
    r.require(
        domainPrefix.isEmpty() || !callbackUrls.isEmpty(),
        "callbackUrls is required with domainPrefix (the OAuth code grant redirects there)");
    r.require(
        domainPrefix.isPresent() || callbackUrls.isEmpty(),
        "callbackUrls is set but domainPrefix is not: without a domain the client has no OAuth");
    callbackUrls.forEach(
        url ->
            r.require(
                CALLBACK_URL.matcher(url).matches(),
                "callbackUrls must be https:// URLs (http://localhost for development), was '"
                    + url
                    + "'"));
    return callbackUrls;
  }

  /**
   * Whether {@code -c attach=true} asks the stack to set the existing pool's custom SMS sender
   * itself, and remove it on destroy (see {@link PoolAttachment}); {@code false} by default,
   * leaving the pool's LambdaConfig to whoever manages it.
   */
  public static boolean attach(Function<String, Object> context) {
    return new Reader(context).bool("attach", false);
  }

  /** Context values arrive as strings from {@code -c} and as JSON values from {@code cdk.json}. */
  private static final class Reader {
    private final Function<String, Object> context;
    private final List<String> problems = new ArrayList<>();

    Reader(Function<String, Object> context) {
      this.context = context;
    }

    void require(boolean condition, String problem) {
      if (!condition) {
        problems.add(problem);
      }
    }

    Optional<String> string(String key) {
      Object value = context.apply(key);
      return value == null || value.toString().isBlank()
          ? Optional.empty()
          : Optional.of(value.toString().trim());
    }

    boolean bool(String key, boolean fallback) {
      Optional<String> value = string(key);
      if (value.isEmpty()) {
        return fallback;
      }
      String v = value.get().toLowerCase(Locale.ROOT);
      require(
          v.equals("true") || v.equals("false"),
          key + " must be true or false, was '" + value.get() + "'");
      return v.equals("true");
    }

    <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
      Optional<String> value = string(key);
      if (value.isEmpty()) {
        return fallback;
      }
      try {
        return Enum.valueOf(type, value.get().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(
            key
                + " must be one of "
                + Arrays.toString(type.getEnumConstants())
                + ", was '"
                + value.get()
                + "'");
        return fallback;
      }
    }

    int integer(String key, int fallback, int min, int max) {
      Optional<String> value = string(key);
      if (value.isEmpty()) {
        return fallback;
      }
      try {
        int parsed = Integer.parseInt(value.get());
        if (parsed >= min && parsed <= max) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // reported below, as an out-of-range value is
      }
      problems.add(
          key + " must be a whole number " + min + ".." + max + ", was '" + value.get() + "'");
      return fallback;
    }

    /**
     * A reserved concurrency: a whole number of at least 1, or {@code none} for no reservation
     * (Lambda would take 0 as "never run").
     */
    Optional<Integer> reservation(String key, Optional<Integer> fallback) {
      Optional<String> value = string(key);
      if (value.isEmpty()) {
        return fallback;
      }
      if (value.get().equalsIgnoreCase("none")) {
        return Optional.empty();
      }
      try {
        int parsed = Integer.parseInt(value.get());
        if (parsed >= 1) {
          return Optional.of(parsed);
        }
      } catch (NumberFormatException e) {
        // reported below, as a value under 1 is
      }
      problems.add(
          key + " must be a whole number of at least 1, or none, was '" + value.get() + "'");
      return fallback;
    }

    /** {@code architecture}: x86_64 (the default) or arm64, as Lambda names them. */
    LambdaArchitecture architecture() {
      Optional<String> value = string("architecture");
      if (value.isEmpty()) {
        return LambdaArchitecture.X86_64;
      }
      Optional<LambdaArchitecture> architecture = LambdaArchitecture.fromContextName(value.get());
      require(
          architecture.isPresent(),
          "architecture must be x86_64 or arm64, was '" + value.get() + "'");
      return architecture.orElse(LambdaArchitecture.X86_64);
    }

    /**
     * {@code channels} ({@code whatsapp,sms}, or a JSON list in cdk.json); default: the Cloud API
     * alone. The older {@code channel} key, which named channels a second way, is refused with the
     * one name to use instead.
     */
    List<MessagingChannel> channels() {
      Object raw = context.apply(ContextKeys.CHANNELS.key());
      require(
          string("channel").isEmpty(),
          "the channel key is gone: name channels the one way, e.g. -c channels=whatsapp,sms");
      if (raw == null || raw.toString().isBlank()) {
        return List.of(MessagingChannel.WHATSAPP);
      }
      List<String> names =
          raw instanceof List<?> list
              ? list.stream().map(String::valueOf).toList()
              : Arrays.asList(raw.toString().split(",", -1));
      List<MessagingChannel> channels = new ArrayList<>();
      for (String name : names) {
        Optional<MessagingChannel> channel = MessagingChannel.fromChannelName(name.strip());
        if (channel.isPresent()) {
          channels.add(channel.get());
        } else {
          problems.add(
              "channels names an unknown channel '"
                  + name.strip()
                  + "'; known: "
                  + String.join(", ", MessagingChannel.channelNames()));
        }
      }
      return channels;
    }

    /** A comma-separated string, or a JSON list from cdk.json; empty when unset. */
    List<String> list(String key) {
      Object raw = context.apply(key);
      if (raw == null || raw.toString().isBlank()) {
        return List.of();
      }
      List<String> values =
          raw instanceof List<?> items
              ? items.stream().map(String::valueOf).toList()
              : Arrays.asList(raw.toString().split(",", -1));
      return values.stream().map(String::strip).toList();
    }

    /** A JSON value from cdk.json, or a JSON string from {@code -c}, as JSON text. */
    Optional<String> json(String key) {
      Object raw = context.apply(key);
      if (raw == null || raw.toString().isBlank()) {
        return Optional.empty();
      }
      if (raw instanceof Map<?, ?> || raw instanceof List<?>) {
        try {
          return Optional.of(new ObjectMapper().writeValueAsString(raw));
        } catch (JsonProcessingException e) {
          problems.add(key + " cannot be written as JSON");
          return Optional.empty();
        }
      }
      return Optional.of(raw.toString().trim());
    }

    /** A JSON object of strings (from cdk.json, or as a JSON string from {@code -c}). */
    Map<String, String> textMap(String key) {
      Map<String, String> values = new LinkedHashMap<>();
      Optional<String> json = json(key);
      if (json.isEmpty()) {
        return values;
      }
      try {
        JsonNode root = new ObjectMapper().readTree(json.get());
        if (root == null || !root.isObject()) {
          problems.add(key + " must be a JSON object of strings");
          return values;
        }
        root.properties()
            .forEach(
                field -> {
                  if (field.getValue().isTextual()) {
                    values.put(field.getKey(), field.getValue().asText());
                  } else {
                    problems.add(key + "." + field.getKey() + " must be a string");
                  }
                });
      } catch (JsonProcessingException e) {
        problems.add(key + " is not valid JSON");
      }
      return values;
    }

    Map<String, String> perSource(String prefix) {
      Map<String, String> values = new LinkedHashMap<>();
      WhatsAppOtpSenderProps.TEMPLATE_SOURCES.forEach(
          source -> string(prefix + source).ifPresent(value -> values.put(source, value)));
      return values;
    }
  }
}
