package dev.cognitowa.otp.settings;

import java.util.List;

/**
 * The ready stack's CDK context keys ({@code -c key=value} or {@code cdk.json}); those that become
 * an environment variable name it, and share its range. docs/reference/context-keys.md is generated
 * from {@link #all()}.
 */
public final class ContextKeys {
  public static final ContextKey PHONE_NUMBER_ID =
      key(
          "phoneNumberId",
          "required with `whatsapp`",
          Settings.PHONE_NUMBER_ID,
          "the WhatsApp phone-number id");
  public static final ContextKey TOKEN_SECRET =
      key(
          "tokenSecretArn / tokenSecretName",
          "one is required with `whatsapp`",
          Settings.ACCESS_TOKEN_SECRET_ID,
          "the token secret: its complete ARN, or its name");
  public static final ContextKey TEMPLATE =
      key(
          "templateName / templateLanguage",
          "`" + Settings.TEMPLATE_NAME + "` / `" + Settings.TEMPLATE_LANGUAGE + "`",
          Settings.TEMPLATE_NAME_SETTING,
          "the authentication template for code-bearing messages, and its language");
  public static final ContextKey TEMPLATE_PER_SOURCE =
      key(
          "templateName.<SOURCE> / templateLanguage.<SOURCE>",
          "the sender's defaults",
          Settings.TEMPLATE_NAME_PER_SOURCE,
          "per trigger source");
  public static final ContextKey API_VERSION =
      key(
          "apiVersion",
          "`" + Settings.GRAPH_API_VERSION + "`",
          Settings.API_VERSION,
          "Graph API version");
  public static final ContextKey CHANNELS =
      key(
          "channels",
          "`" + Channels.WHATSAPP + "`",
          Settings.CHANNELS,
          "the delivery channels in the order they are tried, comma-separated (or a JSON list);"
              + " each listed channel gets its IAM statement, no other does");
  public static final ContextKey EUM_PHONE_NUMBER_ID =
      key(
          "eumPhoneNumberId",
          "required with `whatsapp-eum`",
          Settings.EUM_PHONE_NUMBER_ID,
          "the origination phone-number id in End User Messaging Social");
  public static final ContextKey SMS_ORIGINATION_IDENTITY =
      key(
          "smsOriginationIdentity",
          "required with `sms`",
          Settings.SMS_ORIGINATION_IDENTITY,
          "what `sms` sends from; required so that IAM can name it");
  public static final ContextKey SMS_CONFIGURATION_SET =
      key(
          "smsConfigurationSet",
          "none",
          Settings.SMS_CONFIGURATION_SET,
          "`sms` only: the configuration set");
  public static final ContextKey SMS_TEXT =
      key(
          "smsText / smsText.<SOURCE>",
          "the sender's texts",
          Settings.SMS_TEXT,
          "`sms` and `sns`: the SMS text, with `{code}`");
  public static final ContextKey DELIVERY_STATUS =
      key(
          "deliveryStatus",
          "on when the ledger is on and `channels` lists more than one channel",
          null,
          "deploy the delivery-status function (webhook URL and SNS topic) that falls back on a late"
              + " `failed`");
  public static final ContextKey STATUS_CONCURRENCY =
      key(
          "statusConcurrency",
          "`10`",
          null,
          "the status function's reserved concurrency, or `none`");
  public static final ContextKey SENDER_CONCURRENCY =
      key("senderConcurrency", "none", null, "the sender's reserved concurrency");
  public static final ContextKey EUM_WABA_ID =
      key(
          "eumWabaId",
          "none: any WABA of the account",
          Settings.EUM_BUSINESS_ACCOUNT_ID,
          "the WABA whose End User Messaging Social events the status function takes");
  public static final ContextKey FEATURE_PLAN =
      key(
          "featurePlan",
          "`lite`",
          null,
          "the created pool's feature plan: `lite`, `essentials` or `plus`");
  public static final ContextKey APP_SECRET =
      key(
          "appSecretArn / appSecretName",
          "none: a secret is created",
          Settings.APP_SECRET_SECRET_ID,
          "an existing secret holding the webhook's app secret and verify token");
  public static final ContextKey FALLBACK_WINDOW_SECONDS =
      key(
          "fallbackWindowSeconds",
          "`" + Settings.FALLBACK_WINDOW_SECONDS.defaultValue() + "`",
          Settings.FALLBACK_WINDOW_SECONDS,
          "how long after a send a late `failed` status still starts the next channel");
  public static final ContextKey STACK_NAME =
      key(
          "stackName",
          "`CognitoWhatsAppOtp`",
          null,
          "the stack's name: another name deploys a second copy");
  public static final ContextKey SELF_SIGN_UP =
      key("selfSignUp", "`true`", null, "whether users may sign up themselves");
  public static final ContextKey MFA =
      key("mfa", "`OPTIONAL`", null, "the second factor: `OPTIONAL` or `REQUIRED`");
  public static final ContextKey TRACING = key("tracing", "`false`", null, "active X-Ray tracing");
  public static final ContextKey ARCHITECTURE =
      key("architecture", "`x86_64`", null, "both functions' CPU: `x86_64` or `arm64`");
  public static final ContextKey USER_POOL_ID =
      key(
          "userPoolId",
          "none: a pool is created",
          Settings.USER_POOL_ID,
          "serve an existing pool instead; no pool or app client is created");
  public static final ContextKey ATTACH =
      key(
          "attach",
          "`false`: hands-off",
          null,
          "with `userPoolId`: attach the sender to that pool on deploy and detach it on destroy (a"
              + " custom resource running `otp attach`)");
  public static final ContextKey RETAIN =
      key(
          "retain",
          "`true`",
          null,
          "what `cdk destroy` keeps: the pool, its SMS role, its key, the logs");
  public static final ContextKey LEDGER =
      key("ledger", "`true`", Settings.LEDGER_TABLE, "create the delivery ledger table");
  public static final ContextKey ALARM_EMAIL =
      key("alarmEmail", "none", null, "an e-mail address subscribed to the alarm topic");
  public static final ContextKey DOMAIN_PREFIX =
      key(
          "domainPrefix",
          "none: no domain, no OAuth",
          null,
          "a Cognito prefix domain for the created pool");
  public static final ContextKey CALLBACK_URLS =
      key("callbackUrls", "none", null, "with `domainPrefix`: the client's OAuth callback URLs");
  public static final ContextKey WAF_RATE_LIMIT =
      key(
          "wafRateLimit",
          "none: no web ACL",
          null,
          "an AWS WAF web ACL on the pool blocking a client IP above this many requests in 5 minutes");
  public static final ContextKey LIMIT_PER_NUMBER_15MIN =
      key(
          "limitPerNumber15Min",
          "the sender's",
          Settings.LIMIT_PER_NUMBER_15MIN,
          "WhatsApp: per number per quarter hour");
  public static final ContextKey LIMIT_PER_NUMBER_DAY =
      key(
          "limitPerNumberDay",
          "the sender's",
          Settings.LIMIT_PER_NUMBER_DAY,
          "WhatsApp: per number per day");
  public static final ContextKey LIMIT_POOL_PER_MINUTE =
      key(
          "limitPoolPerMinute",
          "the sender's",
          Settings.LIMIT_POOL_PER_MINUTE,
          "WhatsApp: per pool per minute");
  public static final ContextKey SMS_LIMIT_PER_NUMBER_15MIN =
      key(
          "smsLimitPerNumber15Min",
          "the sender's",
          Settings.SMS_LIMIT_PER_NUMBER_15MIN,
          "SMS: per number per quarter hour");
  public static final ContextKey SMS_LIMIT_PER_NUMBER_DAY =
      key(
          "smsLimitPerNumberDay",
          "the sender's",
          Settings.SMS_LIMIT_PER_NUMBER_DAY,
          "SMS: per number per day");
  public static final ContextKey SMS_LIMIT_POOL_PER_MINUTE =
      key(
          "smsLimitPoolPerMinute",
          "the sender's",
          Settings.SMS_LIMIT_POOL_PER_MINUTE,
          "SMS: per pool per minute");
  public static final ContextKey SMS_LIMIT_POOL_PER_DAY =
      key(
          "smsLimitPoolPerDay",
          "the sender's",
          Settings.SMS_LIMIT_POOL_PER_DAY,
          "SMS: per pool per day");
  public static final ContextKey ALLOWED_COUNTRIES =
      key(
          "allowedCountries",
          "every country",
          Settings.ALLOWED_COUNTRIES,
          "the countries any channel sends to");
  public static final ContextKey DENIED_COUNTRIES =
      key(
          "deniedCountries",
          "none",
          Settings.DENIED_COUNTRIES,
          "the countries no channel sends to");
  public static final ContextKey SMS_ALLOWED_COUNTRIES =
      key(
          "smsAllowedCountries",
          "required with `sms` or `sns`",
          Settings.SMS_ALLOWED_COUNTRIES,
          "the countries SMS may go to; `*` opts out of the list, knowingly open to pumping");
  public static final ContextKey SMS_DENIED_COUNTRIES =
      key(
          "smsDeniedCountries",
          "none",
          Settings.SMS_DENIED_COUNTRIES,
          "the countries SMS never goes to");
  public static final ContextKey TEMPLATE_LANGUAGES =
      key(
          "templateLanguages",
          "one language per template",
          Settings.TEMPLATE_LANGUAGES,
          "the languages every template is approved in");
  public static final ContextKey APP_CLIENTS =
      key(
          "appClients",
          "every app client alike",
          Settings.APP_CLIENTS,
          "per app client templates and SMS texts");
  public static final ContextKey LOCALIZED_SMS_TEXTS =
      key(
          "localizedSmsTexts",
          "the unlocalised texts",
          Settings.SMS_TEXT_PER_LANGUAGE,
          "SMS texts per language, a JSON object of `<lang>` or `<SOURCE>_<lang>` to text");

  private static final List<ContextKey> ALL =
      List.of(
          PHONE_NUMBER_ID,
          TOKEN_SECRET,
          TEMPLATE,
          TEMPLATE_PER_SOURCE,
          API_VERSION,
          CHANNELS,
          EUM_PHONE_NUMBER_ID,
          SMS_ORIGINATION_IDENTITY,
          SMS_CONFIGURATION_SET,
          SMS_TEXT,
          DELIVERY_STATUS,
          STATUS_CONCURRENCY,
          SENDER_CONCURRENCY,
          EUM_WABA_ID,
          FEATURE_PLAN,
          APP_SECRET,
          FALLBACK_WINDOW_SECONDS,
          STACK_NAME,
          SELF_SIGN_UP,
          MFA,
          TRACING,
          ARCHITECTURE,
          USER_POOL_ID,
          ATTACH,
          RETAIN,
          LEDGER,
          ALARM_EMAIL,
          DOMAIN_PREFIX,
          CALLBACK_URLS,
          WAF_RATE_LIMIT,
          LIMIT_PER_NUMBER_15MIN,
          LIMIT_PER_NUMBER_DAY,
          LIMIT_POOL_PER_MINUTE,
          SMS_LIMIT_PER_NUMBER_15MIN,
          SMS_LIMIT_PER_NUMBER_DAY,
          SMS_LIMIT_POOL_PER_MINUTE,
          SMS_LIMIT_POOL_PER_DAY,
          ALLOWED_COUNTRIES,
          DENIED_COUNTRIES,
          SMS_ALLOWED_COUNTRIES,
          SMS_DENIED_COUNTRIES,
          TEMPLATE_LANGUAGES,
          APP_CLIENTS,
          LOCALIZED_SMS_TEXTS);

  private ContextKeys() {}

  /** Every key, in the order the reference page lists them. */
  public static List<ContextKey> all() {
    return ALL;
  }

  private static ContextKey key(String key, String defaultValue, Setting variable, String doc) {
    return new ContextKey(key, defaultValue, variable, doc);
  }
}
