package dev.cognitowa.otp.infra;

import dev.cognitowa.otp.settings.Settings;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudwatch.IAlarmAction;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.secretsmanager.ISecret;

/** Immutable props of {@link WhatsAppOtpSender}; build with {@link #builder()}. */
public final class WhatsAppOtpSenderProps {

  /**
   * Trigger sources that may carry their own template ({@code WHATSAPP_TEMPLATE_NAME_<SOURCE>}).
   */
  public static final List<String> TEMPLATE_SOURCES =
      List.of(
          "SIGN_UP",
          "RESEND_CODE",
          "FORGOT_PASSWORD",
          "UPDATE_USER_ATTRIBUTE",
          "VERIFY_USER_ATTRIBUTE",
          "AUTHENTICATION",
          "ADMIN_CREATE_USER");

  /**
   * Measured at each size's CPU share (docs/explanation/performance.md, Memory, quiet machine):
   * against 512 MB, a restored first event 26 instead of 97 ms, a warm p99 43 instead of 83 ms, and
   * the init phase with the SnapStart hooks 4.0 instead of 5.8 s; the duration per code doubles in
   * GB-s, under 1 % of Meta's price for the message (docs/explanation/cost.md).
   */
  public static final int DEFAULT_MEMORY_SIZE_MB = 1024;

  /**
   * Provisional: covers a cold start plus the sender's bounded HTTP retries; measurements replace
   * it.
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.seconds(10);

  /**
   * Tiered compilation stopped at C1: the cheapest JIT for a short-lived function. On java25 with
   * SnapStart, Lambda no longer stops at C1 by default ("For Java 25, Lambda continues to stop
   * tiered compilation at level 1 by default, except when using SnapStart or provisioned
   * concurrency", https://docs.aws.amazon.com/lambda/latest/dg/java-customization.html); this
   * explicit flag overrides that on purpose, kept by measurement (docs/explanation/performance.md).
   * {@code --enable-native-access=ALL-UNNAMED}: the warm signature check loads Amazon Corretto
   * Crypto Provider's native library, which Java 25 allows with a four-line warning on stderr (a
   * log line that is not JSON, once per container or snapshot) and future releases will block
   * unless native access is enabled; the jar is all in the unnamed module.
   */
  public static final String DEFAULT_JAVA_TOOL_OPTIONS =
      "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 --enable-native-access=ALL-UNNAMED";

  /**
   * One retry: the first comes about a minute later, still inside a 3-minute MFA code's validity.
   */
  public static final int DEFAULT_RETRY_ATTEMPTS = 1;

  /**
   * Past this a code is stale or the user has asked for another; the event goes to the failure
   * queue instead.
   */
  public static final Duration DEFAULT_MAX_EVENT_AGE = Duration.minutes(5);

  /**
   * The sender's own default ({@code OTP_FALLBACK_WINDOW_SECONDS}): a {@code failed} status later
   * than five minutes after the send no longer starts the next channel, as the user has likely
   * asked for a new code.
   */
  public static final Duration DEFAULT_FALLBACK_WINDOW =
      Duration.seconds(Settings.FALLBACK_WINDOW_SECONDS.defaultInt());

  /**
   * The delivery-status function's reserved concurrency, its ceiling: its function URL is public
   * (auth type NONE), so a flood of POSTs must not take the account's concurrency from the sender.
   * Sized from Meta's traffic: at the Cloud API's default 80 messages a second, each code yields up
   * to three statuses (sent, delivered, read) of about one DynamoDB round trip each, some 5
   * executions at once; twice that is left for fallback sends. Meta retries a webhook answered with
   * anything but 200 (a throttled URL answers 429), so a burst above it is delayed, not lost.
   */
  public static final int DEFAULT_STATUS_RESERVED_CONCURRENCY = 10;

  private final IUserPool userPool;
  private final String phoneNumberId;
  private final ISecret accessTokenSecret;
  private final List<MessagingChannel> channels;
  private final String eumPhoneNumberId;
  private final String smsOriginationIdentity;
  private final String smsConfigurationSet;
  private final String smsText;
  private final Map<String, String> smsTextOverrides;
  private final Code code;
  private final String apiVersion;
  private final String templateName;
  private final String templateLanguage;
  private final Map<String, String> templateNameOverrides;
  private final Map<String, String> templateLanguageOverrides;
  private final int memorySizeMb;
  private final LambdaArchitecture architecture;
  private final Duration timeout;
  private final String javaToolOptions;
  private final boolean tracing;
  private final RetentionDays logRetention;
  private final int retryAttempts;
  private final Duration maxEventAge;
  private final IAlarmAction alarmAction;
  private final RemovalPolicy removalPolicy;
  private final boolean ledger;
  private final boolean deliveryStatus;
  private final ISecret appSecret;
  private final String eumWabaId;
  private final Integer statusReservedConcurrency;
  private final Integer reservedConcurrency;
  private final Duration fallbackWindow;
  private final Map<String, String> sendLimits;
  private final Map<String, String> languageSettings;

  private WhatsAppOtpSenderProps(Builder b) {
    this.userPool = Objects.requireNonNull(b.userPool, "userPool is required");
    this.phoneNumberId = b.phoneNumberId;
    this.accessTokenSecret = b.accessTokenSecret;
    this.channels = List.copyOf(b.channels);
    this.eumPhoneNumberId = b.eumPhoneNumberId;
    this.smsOriginationIdentity = b.smsOriginationIdentity;
    this.smsConfigurationSet = b.smsConfigurationSet;
    this.smsText = b.smsText;
    this.smsTextOverrides = Collections.unmodifiableMap(new TreeMap<>(b.smsTextOverrides));
    this.code = b.code;
    this.apiVersion = b.apiVersion;
    this.templateName = b.templateName;
    this.templateLanguage = b.templateLanguage;
    this.templateNameOverrides =
        Collections.unmodifiableMap(new TreeMap<>(b.templateNameOverrides));
    this.templateLanguageOverrides =
        Collections.unmodifiableMap(new TreeMap<>(b.templateLanguageOverrides));
    this.memorySizeMb = b.memorySizeMb;
    this.architecture = b.architecture;
    this.timeout = b.timeout;
    this.javaToolOptions = b.javaToolOptions;
    this.tracing = b.tracing;
    this.logRetention = b.logRetention;
    this.retryAttempts = b.retryAttempts;
    this.maxEventAge = b.maxEventAge;
    this.alarmAction = b.alarmAction;
    this.removalPolicy = b.removalPolicy;
    this.ledger = b.ledger;
    // one channel never falls back, so a status could start nothing: the path is then left out
    this.deliveryStatus =
        b.deliveryStatus != null ? b.deliveryStatus : b.ledger && b.channels.size() > 1;
    this.appSecret = b.appSecret;
    this.eumWabaId = b.eumWabaId;
    this.statusReservedConcurrency = b.statusReservedConcurrency;
    this.reservedConcurrency = b.reservedConcurrency;
    this.fallbackWindow = b.fallbackWindow;
    this.sendLimits = Collections.unmodifiableMap(new TreeMap<>(b.sendLimits));
    this.languageSettings = Collections.unmodifiableMap(new TreeMap<>(b.languageSettings));
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The pool whose custom SMS sender this becomes; a pool of the same stack, or one imported by id.
   * Required.
   */
  public IUserPool getUserPool() {
    return userPool;
  }

  /**
   * The sender's phone-number id in the WhatsApp Business account (digits). Required when the chain
   * lists {@link MessagingChannel#WHATSAPP}, refused otherwise.
   */
  public String getPhoneNumberId() {
    return phoneNumberId;
  }

  /**
   * The secret holding the Cloud API access token; the function may read this one secret only.
   * Required when the chain lists {@link MessagingChannel#WHATSAPP}, refused otherwise.
   */
  public ISecret getAccessTokenSecret() {
    return accessTokenSecret;
  }

  /**
   * The delivery channels in the order the sender tries them ({@code OTP_CHANNELS}); each listed
   * channel gets its IAM statement, no other does. @default {@link MessagingChannel#WHATSAPP} alone
   */
  public List<MessagingChannel> getChannels() {
    return channels;
  }

  /**
   * The origination phone-number id in AWS End User Messaging Social ({@code phone-number-id-...}
   * or its ARN), required with {@code whatsapp-eum}. @default none
   */
  public String getEumPhoneNumberId() {
    return eumPhoneNumberId;
  }

  /**
   * The End User Messaging SMS identity to send from: a phone number's or pool's id ({@code
   * phone-...}, {@code pool-...}) or the ARN of a phone number, pool or sender ID. Required when
   * the chain lists {@link MessagingChannel#SMS}: IAM can allow a send without one only on {@code
   * "*"}. @default none
   */
  public String getSmsOriginationIdentity() {
    return smsOriginationIdentity;
  }

  /** The {@code sms} channel's configuration set (name or ARN). @default none */
  public String getSmsConfigurationSet() {
    return smsConfigurationSet;
  }

  /** The SMS text of the code-bearing sources ({@code SMS_TEXT}). @default the sender's texts */
  public String getSmsText() {
    return smsText;
  }

  /**
   * SMS text per trigger source ({@link #TEMPLATE_SOURCES}, {@code SMS_TEXT_<SOURCE>}). @default
   * none
   */
  public Map<String, String> getSmsTextOverrides() {
    return smsTextOverrides;
  }

  /**
   * The function code. @default the sender jar, {@link SenderArtifact#code()} (built by {@code
   * ./mvnw package})
   */
  public Code getCode() {
    return code;
  }

  /** The Graph API version. @default {@code v26.0} */
  public String getApiVersion() {
    return apiVersion;
  }

  /** The authentication template for code-bearing messages. @default {@code otp_code} */
  public String getTemplateName() {
    return templateName;
  }

  /** The language of the authentication template. @default {@code en_US} */
  public String getTemplateLanguage() {
    return templateLanguage;
  }

  /**
   * Template per trigger source (keys from {@link #TEMPLATE_SOURCES}). @default none: the sender's
   * defaults
   */
  public Map<String, String> getTemplateNameOverrides() {
    return templateNameOverrides;
  }

  /** Language per trigger source (keys from {@link #TEMPLATE_SOURCES}). @default none */
  public Map<String, String> getTemplateLanguageOverrides() {
    return templateLanguageOverrides;
  }

  /** The function's memory. @default {@value #DEFAULT_MEMORY_SIZE_MB} MB */
  public int getMemorySizeMb() {
    return memorySizeMb;
  }

  /**
   * The CPU of both functions (the sender and the delivery-status function). @default x86_64: the
   * Lambda jar's native P-384 verifier (ACCP) is its x86_64 build; on arm64 the sender verifies
   * with Bouncy Castle (see {@link LambdaArchitecture})
   */
  public LambdaArchitecture getArchitecture() {
    return architecture;
  }

  /** The function's timeout. @default 10 seconds (provisional) */
  public Duration getTimeout() {
    return timeout;
  }

  /** The function's {@code JAVA_TOOL_OPTIONS}. @default {@value #DEFAULT_JAVA_TOOL_OPTIONS} */
  public String getJavaToolOptions() {
    return javaToolOptions;
  }

  /** Active X-Ray tracing. @default false */
  public boolean isTracing() {
    return tracing;
  }

  /** How long the function's logs are kept. @default {@link RetentionDays#ONE_MONTH} */
  public RetentionDays getLogRetention() {
    return logRetention;
  }

  /** Asynchronous retries, 0..2. @default {@value #DEFAULT_RETRY_ATTEMPTS} */
  public int getRetryAttempts() {
    return retryAttempts;
  }

  /** Maximum age of an asynchronous event, 1 minute..6 hours. @default 5 minutes */
  public Duration getMaxEventAge() {
    return maxEventAge;
  }

  /**
   * Where the alarms notify (for example an SNS topic action). @default none: alarms only change
   * state
   */
  public IAlarmAction getAlarmAction() {
    return alarmAction;
  }

  /**
   * What {@code cdk destroy} does to the key and the log groups: {@link
   * RemovalPolicy#RETAIN_ON_UPDATE_OR_DELETE} (kept, except after a failed first deploy, which
   * leaves nothing behind), {@link RemovalPolicy#RETAIN} or {@link RemovalPolicy#DESTROY}. Give it
   * the pool's own policy: a kept pool names the key in its {@code LambdaConfig}, and a key pending
   * deletion can encrypt no code. @default {@link RemovalPolicy#RETAIN_ON_UPDATE_OR_DELETE}
   */
  public RemovalPolicy getRemovalPolicy() {
    return removalPolicy;
  }

  /**
   * Whether the sender gets its delivery ledger, a DynamoDB table named by {@code
   * OTP_LEDGER_TABLE}. @default true
   */
  public boolean isLedger() {
    return ledger;
  }

  /**
   * Whether the delivery-status function is deployed (Meta's webhooks through a function URL, End
   * User Messaging Social's events through an SNS topic). It needs the ledger. @default true when
   * the ledger is on and the chain lists more than one channel (with one, a late failure has no
   * channel to fall back to)
   */
  public boolean isDeliveryStatus() {
    return deliveryStatus;
  }

  /**
   * The secret holding the Meta app secret and the webhook's verify token (JSON {@code
   * {"appSecret": "...", "verifyToken": "..."}}). @default a new secret with a generated verify
   * token and {@code REPLACE_ME} as the app secret
   */
  public ISecret getAppSecret() {
    return appSecret;
  }

  /**
   * The WhatsApp Business Account whose End User Messaging Social events the status function takes
   * ({@code waba-...} or its ARN; {@code EUM_WHATSAPP_BUSINESS_ACCOUNT_ID}). @default none: any
   * WABA of the account that publishes to the status topic
   */
  public String getEumWabaId() {
    return eumWabaId;
  }

  /**
   * The delivery-status function's reserved concurrency, or null for none. @default {@value
   * #DEFAULT_STATUS_RESERVED_CONCURRENCY}
   */
  public Integer getStatusReservedConcurrency() {
    return statusReservedConcurrency;
  }

  /**
   * The sender's reserved concurrency, or null for none: a reservation is also a ceiling, so codes
   * beyond it would wait in Lambda's asynchronous queue. @default none
   */
  public Integer getReservedConcurrency() {
    return reservedConcurrency;
  }

  /**
   * How long after a send a {@code failed} status still starts the next channel ({@code
   * OTP_FALLBACK_WINDOW_SECONDS}). @default 300 seconds
   */
  public Duration getFallbackWindow() {
    return fallbackWindow;
  }

  /**
   * The sender's abuse-limit variables to set, by name ({@code OTP_LIMIT_PER_NUMBER_15MIN}, ...,
   * {@code OTP_SMS_DENIED_COUNTRIES}; see the README's "Limits"), given to both functions. The
   * counts need the ledger (their counters live in its table). @default none: the sender's defaults
   */
  public Map<String, String> getSendLimits() {
    return sendLimits;
  }

  /**
   * The sender's language and per-app-client variables ({@code WHATSAPP_TEMPLATE_LANGUAGES}, {@code
   * OTP_APP_CLIENTS}, {@code SMS_TEXT_<lang>}, {@code SMS_TEXT_<SOURCE>_<lang>}). @default none:
   * every user gets the template's one language, every app client alike
   */
  public Map<String, String> getLanguageSettings() {
    return languageSettings;
  }

  /**
   * Builder of {@link WhatsAppOtpSenderProps}; every optional value starts at its documented
   * default.
   */
  public static final class Builder {
    private IUserPool userPool;
    private String phoneNumberId;
    private ISecret accessTokenSecret;
    private List<MessagingChannel> channels = List.of(MessagingChannel.WHATSAPP);
    private String eumPhoneNumberId;
    private String smsOriginationIdentity;
    private String smsConfigurationSet;
    private String smsText;
    private final Map<String, String> smsTextOverrides = new LinkedHashMap<>();
    private Code code;
    private String apiVersion = Settings.GRAPH_API_VERSION;
    private String templateName = Settings.TEMPLATE_NAME;
    private String templateLanguage = Settings.TEMPLATE_LANGUAGE;
    private final Map<String, String> templateNameOverrides = new LinkedHashMap<>();
    private final Map<String, String> templateLanguageOverrides = new LinkedHashMap<>();
    private int memorySizeMb = DEFAULT_MEMORY_SIZE_MB;
    private LambdaArchitecture architecture = LambdaArchitecture.X86_64;
    private Duration timeout = DEFAULT_TIMEOUT;
    private String javaToolOptions = DEFAULT_JAVA_TOOL_OPTIONS;
    private boolean tracing;
    private RetentionDays logRetention = RetentionDays.ONE_MONTH;
    private int retryAttempts = DEFAULT_RETRY_ATTEMPTS;
    private Duration maxEventAge = DEFAULT_MAX_EVENT_AGE;
    private IAlarmAction alarmAction;
    private RemovalPolicy removalPolicy = RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE;
    private boolean ledger = true;
    private Boolean deliveryStatus;
    private ISecret appSecret;
    private String eumWabaId;
    private Integer statusReservedConcurrency = DEFAULT_STATUS_RESERVED_CONCURRENCY;
    private Integer reservedConcurrency;
    private Duration fallbackWindow = DEFAULT_FALLBACK_WINDOW;
    private final Map<String, String> sendLimits = new LinkedHashMap<>();
    private final Map<String, String> languageSettings = new LinkedHashMap<>();

    private Builder() {}

    public Builder withUserPool(IUserPool userPool) {
      this.userPool = userPool;
      return this;
    }

    public Builder withPhoneNumberId(String phoneNumberId) {
      this.phoneNumberId = phoneNumberId;
      return this;
    }

    public Builder withAccessTokenSecret(ISecret accessTokenSecret) {
      this.accessTokenSecret = accessTokenSecret;
      return this;
    }

    /** A chain of one channel. */
    public Builder withChannel(MessagingChannel channel) {
      return withChannels(List.of(Objects.requireNonNull(channel, "channel")));
    }

    /** The channels in the order they are tried, e.g. {@code (WHATSAPP, SMS)}. */
    public Builder withChannels(List<MessagingChannel> channels) {
      this.channels = List.copyOf(channels);
      return this;
    }

    public Builder withEumPhoneNumberId(String eumPhoneNumberId) {
      this.eumPhoneNumberId = eumPhoneNumberId;
      return this;
    }

    public Builder withSmsOriginationIdentity(String smsOriginationIdentity) {
      this.smsOriginationIdentity = smsOriginationIdentity;
      return this;
    }

    public Builder withSmsConfigurationSet(String smsConfigurationSet) {
      this.smsConfigurationSet = smsConfigurationSet;
      return this;
    }

    public Builder withSmsText(String smsText) {
      this.smsText = smsText;
      return this;
    }

    /** The SMS text for one trigger source, e.g. {@code ("FORGOT_PASSWORD", "Reset: {code}")}. */
    public Builder withSmsTextFor(String source, String text) {
      smsTextOverrides.put(source, text);
      return this;
    }

    public Builder withCode(Code code) {
      this.code = code;
      return this;
    }

    public Builder withApiVersion(String apiVersion) {
      this.apiVersion = Objects.requireNonNull(apiVersion, "apiVersion");
      return this;
    }

    public Builder withTemplate(String name, String language) {
      this.templateName = Objects.requireNonNull(name, "name");
      this.templateLanguage = Objects.requireNonNull(language, "language");
      return this;
    }

    /**
     * A template name for one trigger source, e.g. {@code ("ADMIN_CREATE_USER",
     * "temporary_password")}.
     */
    public Builder withTemplateNameFor(String source, String name) {
      templateNameOverrides.put(source, name);
      return this;
    }

    /** A template language for one trigger source. */
    public Builder withTemplateLanguageFor(String source, String language) {
      templateLanguageOverrides.put(source, language);
      return this;
    }

    public Builder withMemorySizeMb(int memorySizeMb) {
      this.memorySizeMb = memorySizeMb;
      return this;
    }

    /** The CPU of both functions. */
    public Builder withArchitecture(LambdaArchitecture architecture) {
      this.architecture = Objects.requireNonNull(architecture, "architecture");
      return this;
    }

    public Builder withTimeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    public Builder withJavaToolOptions(String javaToolOptions) {
      this.javaToolOptions = Objects.requireNonNull(javaToolOptions, "javaToolOptions");
      return this;
    }

    public Builder withTracing(boolean tracing) {
      this.tracing = tracing;
      return this;
    }

    public Builder withLogRetention(RetentionDays logRetention) {
      this.logRetention = Objects.requireNonNull(logRetention, "logRetention");
      return this;
    }

    public Builder withRetryAttempts(int retryAttempts) {
      this.retryAttempts = retryAttempts;
      return this;
    }

    public Builder withMaxEventAge(Duration maxEventAge) {
      this.maxEventAge = Objects.requireNonNull(maxEventAge, "maxEventAge");
      return this;
    }

    public Builder withAlarmAction(IAlarmAction alarmAction) {
      this.alarmAction = alarmAction;
      return this;
    }

    public Builder withRemovalPolicy(RemovalPolicy removalPolicy) {
      this.removalPolicy = Objects.requireNonNull(removalPolicy, "removalPolicy");
      return this;
    }

    public Builder withLedger(boolean ledger) {
      this.ledger = ledger;
      return this;
    }

    public Builder withDeliveryStatus(boolean deliveryStatus) {
      this.deliveryStatus = deliveryStatus;
      return this;
    }

    public Builder withAppSecret(ISecret appSecret) {
      this.appSecret = appSecret;
      return this;
    }

    public Builder withEumWabaId(String eumWabaId) {
      this.eumWabaId = eumWabaId;
      return this;
    }

    /** The status function's reserved concurrency, or null to reserve none. */
    public Builder withStatusReservedConcurrency(Integer statusReservedConcurrency) {
      this.statusReservedConcurrency = statusReservedConcurrency;
      return this;
    }

    /** The sender's reserved concurrency, or null (the default) to reserve none. */
    public Builder withReservedConcurrency(Integer reservedConcurrency) {
      this.reservedConcurrency = reservedConcurrency;
      return this;
    }

    public Builder withFallbackWindow(Duration fallbackWindow) {
      this.fallbackWindow = Objects.requireNonNull(fallbackWindow, "fallbackWindow");
      return this;
    }

    /**
     * One abuse-limit variable of the sender, e.g. {@code ("OTP_SMS_LIMIT_PER_NUMBER_DAY", "3")} or
     * {@code ("OTP_SMS_ALLOWED_COUNTRIES", "DE,AT")}.
     */
    public Builder withSendLimit(String variable, String value) {
      sendLimits.put(
          Objects.requireNonNull(variable, "variable"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * The languages every template is approved in ({@code WHATSAPP_TEMPLATE_LANGUAGES}): a user's
     * locale picks among them; the template language must be one of them.
     */
    public Builder withTemplateLanguages(List<String> languages) {
      return withLanguageSetting(LanguageSettings.LANGUAGES, String.join(",", languages));
    }

    /**
     * Per app client templates and SMS texts ({@code OTP_APP_CLIENTS}): a JSON object, app client
     * id → the variables laid over the environment for that client's events.
     */
    public Builder withAppClients(String json) {
      return withLanguageSetting(LanguageSettings.APP_CLIENTS, json);
    }

    /**
     * An SMS text in one language, {@code suffix} being {@code <lang>} or {@code <SOURCE>_<lang>}
     * ({@code SMS_TEXT_pt_BR}, {@code SMS_TEXT_FORGOT_PASSWORD_es}).
     */
    public Builder withLocalizedSmsText(String suffix, String text) {
      return withLanguageSetting(
          LanguageSettings.SMS_TEXT_PREFIX + Objects.requireNonNull(suffix, "suffix"), text);
    }

    /** One language variable of the sender, as the three methods above set them. */
    public Builder withLanguageSetting(String variable, String value) {
      languageSettings.put(
          Objects.requireNonNull(variable, "variable"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Builds the props.
     *
     * @throws NullPointerException naming the first missing required value
     */
    public WhatsAppOtpSenderProps build() {
      return new WhatsAppOtpSenderProps(this);
    }
  }
}
