package dev.cognitowa.otp.settings;

import java.util.List;
import java.util.Set;

/**
 * Every environment variable the sender, the status function and {@code otp} read: the one place
 * their names, defaults and ranges are written. The readers check values against these; the stack
 * validates its context keys against the same ranges; docs/reference/environment.md is generated
 * from {@link #all()} ({@code ReferencePagesTest} fails when the committed page differs).
 */
public final class Settings {
  /** A current Graph API version; Meta supports each version for about two years. */
  public static final String GRAPH_API_VERSION = "v26.0";

  /** The authentication template for code-bearing messages. */
  public static final String TEMPLATE_NAME = "otp_code";

  /** The template language, and the default language of every per-source template. */
  public static final String TEMPLATE_LANGUAGE = "en_US";

  /** AdminCreateUser's template: a temporary password does not fit an authentication template. */
  public static final String TEMPORARY_PASSWORD_TEMPLATE = "temporary_password";

  /** The file of local runs' ledger; a constant, as the CLI's option help names it. */
  public static final String LOCAL_LEDGER_FILE = "otp-local-ledger.json";

  /** Limits: the largest count, far above any sane setting, below what one item takes a minute. */
  public static final int MAX_COUNT = 50_000;

  private static final Set<Reader> SENDER_AND_STATUS = Set.of(Reader.SENDER, Reader.STATUS);
  private static final Set<Reader> EVERYONE = Set.of(Reader.SENDER, Reader.STATUS, Reader.CLI);
  private static final Set<Reader> STATUS_ONLY = Set.of(Reader.STATUS);

  public static final Setting PHONE_NUMBER_ID =
      text(
          "WHATSAPP_PHONE_NUMBER_ID",
          "with `whatsapp` (the default channel)",
          null,
          EVERYONE,
          "the sender's phone-number id in the WhatsApp Business account (digits, not the number)");
  public static final Setting ACCESS_TOKEN_SECRET_ID =
      text(
          "WHATSAPP_ACCESS_TOKEN_SECRET_ID",
          "in AWS, with `whatsapp`",
          null,
          EVERYONE,
          "Secrets Manager name or ARN of the Cloud API token: a plain string, or JSON"
              + " `{\"accessToken\": \"...\"}`");
  public static final Setting ACCESS_TOKEN =
      text(
          "WHATSAPP_ACCESS_TOKEN",
          "locally, with `whatsapp`",
          null,
          EVERYONE,
          "the token itself, for local runs (set only one of this and the secret id)");
  public static final Setting ACCESS_TOKEN_CACHE_SECONDS =
      number(
          "WHATSAPP_ACCESS_TOKEN_CACHE_SECONDS",
          300,
          0,
          86_400,
          SENDER_AND_STATUS,
          "how long a token read from Secrets Manager is reused; error 190 forces one reload");
  public static final Setting API_BASE_URL =
      text(
          "WHATSAPP_API_BASE_URL",
          "",
          "https://graph.facebook.com",
          EVERYONE,
          "Graph API base; plain `http` is refused unless the host is loopback");
  public static final Setting API_VERSION =
      text("WHATSAPP_API_VERSION", "", GRAPH_API_VERSION, EVERYONE, "Graph API version");
  public static final Setting TEMPLATE_NAME_SETTING =
      text(
          "WHATSAPP_TEMPLATE_NAME",
          "",
          TEMPLATE_NAME,
          EVERYONE,
          "the authentication template for code-bearing trigger sources");
  public static final Setting TEMPLATE_LANGUAGE_SETTING =
      text(
          "WHATSAPP_TEMPLATE_LANGUAGE",
          "",
          TEMPLATE_LANGUAGE,
          EVERYONE,
          "its language, also the default language of every per-source template");
  public static final Setting TEMPLATE_NAME_PER_SOURCE =
      text(
          "WHATSAPP_TEMPLATE_NAME_<SOURCE>",
          "",
          "`WHATSAPP_TEMPLATE_NAME`; `" + TEMPORARY_PASSWORD_TEMPLATE + "` for `ADMIN_CREATE_USER`",
          EVERYONE,
          "per trigger source: `SIGN_UP`, `RESEND_CODE`, `FORGOT_PASSWORD`, `UPDATE_USER_ATTRIBUTE`,"
              + " `VERIFY_USER_ATTRIBUTE`, `AUTHENTICATION`, `ADMIN_CREATE_USER`");
  public static final Setting TEMPLATE_LANGUAGE_PER_SOURCE =
      text(
          "WHATSAPP_TEMPLATE_LANGUAGE_<SOURCE>",
          "",
          "`WHATSAPP_TEMPLATE_LANGUAGE`",
          EVERYONE,
          "per trigger source: that template's default language");
  public static final Setting TEMPLATE_LANGUAGES =
      text(
          "WHATSAPP_TEMPLATE_LANGUAGES",
          "",
          null,
          EVERYONE,
          "the languages every template is approved in, comma-separated; a user's locale picks among"
              + " them (unset: one language for everyone)");
  public static final Setting APP_CLIENTS =
      text(
          "OTP_APP_CLIENTS",
          "",
          null,
          EVERYONE,
          "per app client templates and SMS texts: one JSON object, app client id to"
              + " `WHATSAPP_TEMPLATE_*` / `SMS_TEXT*` variables");
  public static final Setting BUSINESS_ACCOUNT_ID =
      text(
          "WHATSAPP_BUSINESS_ACCOUNT_ID",
          "for `otp templates` and `otp doctor`",
          null,
          Set.of(Reader.CLI),
          "the WhatsApp Business account (WABA) id, digits");
  public static final Setting EUM_BUSINESS_ACCOUNT_ID =
      text(
          "EUM_WHATSAPP_BUSINESS_ACCOUNT_ID",
          "for `otp templates --channel whatsapp-eum`",
          null,
          Set.of(Reader.STATUS, Reader.CLI),
          "the same account in End User Messaging Social (`waba-...` or its ARN); the status"
              + " function takes events of this WABA only (unset: any WABA of the topic's account)");
  public static final Setting STATUS_TOPIC_ARN =
      text(
          "OTP_STATUS_TOPIC_ARN",
          "",
          null,
          STATUS_ONLY,
          "the SNS topic whose End User Messaging Social events the status function takes (the stack"
              + " sets it; unset: any topic, for local runs)");
  public static final Setting REQUEST_TIMEOUT_MILLIS =
      number(
          "WHATSAPP_REQUEST_TIMEOUT_MILLIS",
          5000,
          100,
          30_000,
          SENDER_AND_STATUS,
          "the whole of one Graph attempt: connect, send, headers and body");
  public static final Setting MAX_ATTEMPTS =
      number(
          "WHATSAPP_MAX_ATTEMPTS",
          3,
          1,
          5,
          SENDER_AND_STATUS,
          "Graph requests per event, the first included; rate-limit refusals do not count");
  public static final Setting KMS_KEY_ARN =
      text(
          "KMS_KEY_ARN",
          "in AWS",
          null,
          SENDER_AND_STATUS,
          "the user pool's custom-sender KMS key (a key ARN)");
  public static final Setting LOCAL_AES_KEY =
      text(
          "OTP_LOCAL_AES_KEY",
          "locally",
          null,
          SENDER_AND_STATUS,
          "base64 AES key (16, 24 or 32 bytes) used instead of KMS, for local runs and tests");
  public static final Setting LOCAL_KEY_NAMESPACE =
      text(
          "OTP_LOCAL_KEY_NAMESPACE",
          "with the local key",
          null,
          SENDER_AND_STATUS,
          "the raw AES key's namespace (provider id), as given to the encrypting side");
  public static final Setting LOCAL_KEY_NAME =
      text(
          "OTP_LOCAL_KEY_NAME",
          "with the local key",
          null,
          SENDER_AND_STATUS,
          "the raw AES key's name, as given to the encrypting side");
  public static final Setting LOCAL_LEDGER =
      text(
          "OTP_LOCAL_LEDGER",
          "",
          LOCAL_LEDGER_FILE,
          Set.of(Reader.CLI),
          "`otp invoke --local` and `otp status --local`: the file that holds the delivery ledger of"
              + " local runs");
  public static final Setting USER_POOL_ID =
      text(
          "COGNITO_USER_POOL_ID",
          "",
          null,
          SENDER_AND_STATUS,
          "when set, events (and ciphertexts bound to another `userpool-id`) from any other pool are"
              + " refused");
  public static final Setting LEDGER_TABLE =
      text(
          "OTP_LEDGER_TABLE",
          "the status function",
          null,
          SENDER_AND_STATUS,
          "the delivery ledger's DynamoDB table, name or ARN: each event is sent once; the limit"
              + " counters and tracked messages live there too (unset: no ledger)");
  public static final Setting CHANNELS =
      text(
          "OTP_CHANNELS",
          "",
          Channels.WHATSAPP,
          SENDER_AND_STATUS,
          "the delivery channels in the order they are tried, comma-separated: `whatsapp`,"
              + " `whatsapp-eum`, `sms`, `sns`");
  public static final Setting APP_SECRET_SECRET_ID =
      text(
          "WHATSAPP_APP_SECRET_SECRET_ID",
          "status function, in AWS",
          null,
          STATUS_ONLY,
          "Secrets Manager name or ARN of the webhook's secrets: JSON `{\"appSecret\": \"...\","
              + " \"verifyToken\": \"...\"}`");
  public static final Setting APP_SECRET =
      text(
          "WHATSAPP_APP_SECRET",
          "status function, locally",
          null,
          STATUS_ONLY,
          "the Meta app secret itself, for local runs and `otp status`");
  public static final Setting WEBHOOK_VERIFY_TOKEN =
      text(
          "WHATSAPP_WEBHOOK_VERIFY_TOKEN",
          "",
          null,
          STATUS_ONLY,
          "the token Meta's subscription check must present, locally (unset: the check is refused)");
  public static final Setting FALLBACK_WINDOW_SECONDS =
      number(
          "OTP_FALLBACK_WINDOW_SECONDS",
          300,
          1,
          3600,
          SENDER_AND_STATUS,
          "how long after a channel accepted a code a late `failed` status still sends it through the"
              + " next channel; the number is kept no longer (plus 15 min)");
  public static final Setting PSEUDONYM_KEY_SECRET_ID =
      text(
          "OTP_PSEUDONYM_KEY_SECRET_ID",
          "",
          null,
          SENDER_AND_STATUS,
          "Secrets Manager id of the key (32+ characters) under which limit counters name numbers"
              + " (HMAC-SHA256); the stack generates one per deployment");
  public static final Setting PSEUDONYM_KEY =
      text(
          "OTP_PSEUDONYM_KEY",
          "",
          null,
          SENDER_AND_STATUS,
          "the same key given directly, for local runs (neither set: a public local key)");
  public static final Setting LIMIT_PER_NUMBER_15MIN =
      count(
          "OTP_LIMIT_PER_NUMBER_15MIN",
          5,
          "WhatsApp channels: messages to one number of one pool per UTC quarter hour");
  public static final Setting LIMIT_PER_NUMBER_DAY =
      count(
          "OTP_LIMIT_PER_NUMBER_DAY", 10, "WhatsApp channels: messages to one number per UTC day");
  public static final Setting LIMIT_POOL_PER_MINUTE =
      count(
          "OTP_LIMIT_POOL_PER_MINUTE",
          600,
          "WhatsApp channels: messages for the whole pool per UTC minute");
  public static final Setting SMS_LIMIT_PER_NUMBER_15MIN =
      count(
          "OTP_SMS_LIMIT_PER_NUMBER_15MIN",
          3,
          "SMS channels: texts to one number of one pool per UTC quarter hour");
  public static final Setting SMS_LIMIT_PER_NUMBER_DAY =
      count("OTP_SMS_LIMIT_PER_NUMBER_DAY", 5, "SMS channels: texts to one number per UTC day");
  public static final Setting SMS_LIMIT_POOL_PER_MINUTE =
      count("OTP_SMS_LIMIT_POOL_PER_MINUTE", 60, "SMS channels: texts for the pool per UTC minute");
  public static final Setting SMS_LIMIT_POOL_PER_DAY =
      count(
          "OTP_SMS_LIMIT_POOL_PER_DAY",
          1000,
          "SMS channels: texts for the pool per UTC day, the cap on a day of pumping");
  public static final Setting ALLOWED_COUNTRIES =
      text(
          "OTP_ALLOWED_COUNTRIES",
          "",
          null,
          SENDER_AND_STATUS,
          "ISO 3166 alpha-2 codes, comma-separated, plus `001` (non-geographic) and `ZZ` (unknown),"
              + " or `*`: the only countries any channel sends to (unset: every country)");
  public static final Setting DENIED_COUNTRIES =
      text(
          "OTP_DENIED_COUNTRIES",
          "",
          null,
          SENDER_AND_STATUS,
          "codes as above that get nothing on any channel");
  public static final Setting SMS_ALLOWED_COUNTRIES =
      text(
          "OTP_SMS_ALLOWED_COUNTRIES",
          "by the stack, with `sms` or `sns`",
          null,
          SENDER_AND_STATUS,
          "the same for the SMS channels only, on top of the two above");
  public static final Setting SMS_DENIED_COUNTRIES =
      text(
          "OTP_SMS_DENIED_COUNTRIES",
          "",
          null,
          SENDER_AND_STATUS,
          "the same for the SMS channels only");
  public static final Setting BREAKER_CHANNELS =
      text(
          "OTP_BREAKER_CHANNELS",
          "",
          Channels.SMS + "," + Channels.SNS,
          SENDER_AND_STATUS,
          "channels the conversion breaker guards (`whatsapp`, `whatsapp-eum` may be added; `none` ="
              + " off); needs `OTP_LEDGER_TABLE`");
  public static final Setting BREAKER_MIN_SENDS =
      number(
          "OTP_BREAKER_MIN_SENDS",
          30,
          3,
          1_000_000,
          SENDER_AND_STATUS,
          "paid sends in the last hour to one country on one channel before the breaker judges");
  public static final Setting BREAKER_MIN_CONVERSION_PERCENT =
      number(
          "OTP_BREAKER_MIN_CONVERSION_PERCENT",
          20,
          1,
          100,
          SENDER_AND_STATUS,
          "below this conversion the breaker opens for that channel and country");
  public static final Setting BREAKER_OPEN_MINUTES =
      number(
          "OTP_BREAKER_OPEN_MINUTES",
          30,
          15,
          1440,
          SENDER_AND_STATUS,
          "how long it stays open before it half-opens");
  public static final Setting EUM_PHONE_NUMBER_ID =
      text(
          "EUM_WHATSAPP_PHONE_NUMBER_ID",
          "with `whatsapp-eum`",
          null,
          SENDER_AND_STATUS,
          "the origination phone-number id in End User Messaging Social (`phone-number-id-...` or"
              + " its ARN)");
  public static final Setting SMS_ORIGINATION_IDENTITY =
      text(
          "SMS_ORIGINATION_IDENTITY",
          "by the stack, with `sms`",
          null,
          SENDER_AND_STATUS,
          "`sms`: the phone number, sender id or pool (id or ARN) to send from");
  public static final Setting SMS_CONFIGURATION_SET =
      text(
          "SMS_CONFIGURATION_SET",
          "",
          null,
          SENDER_AND_STATUS,
          "`sms`: the configuration set (event destinations, spend limits)");
  public static final Setting SMS_MAX_ATTEMPTS =
      number(
          "SMS_MAX_ATTEMPTS",
          3,
          1,
          5,
          SENDER_AND_STATUS,
          "`sms` and `sns`: requests per event, the first included");
  public static final Setting SMS_TEXT =
      text(
          "SMS_TEXT",
          "",
          "per source: `Your verification code is {code}`, ...",
          SENDER_AND_STATUS,
          "`sms` and `sns`: the text, with `{code}`; checked for GSM-7/UCS-2 length at start-up");
  public static final Setting SMS_TEXT_PER_SOURCE =
      text(
          "SMS_TEXT_<SOURCE>",
          "",
          "`SMS_TEXT`; AdminCreateUser's own, with `{username}`",
          SENDER_AND_STATUS,
          "per trigger source");
  public static final Setting SMS_TEXT_PER_LANGUAGE =
      text(
          "SMS_TEXT_<lang>, SMS_TEXT_<SOURCE>_<lang>",
          "",
          "the unlocalised text",
          SENDER_AND_STATUS,
          "the same texts in one language of `WHATSAPP_TEMPLATE_LANGUAGES`");

  private static final List<Setting> ALL =
      List.of(
          PHONE_NUMBER_ID,
          ACCESS_TOKEN_SECRET_ID,
          ACCESS_TOKEN,
          ACCESS_TOKEN_CACHE_SECONDS,
          API_BASE_URL,
          API_VERSION,
          TEMPLATE_NAME_SETTING,
          TEMPLATE_LANGUAGE_SETTING,
          TEMPLATE_NAME_PER_SOURCE,
          TEMPLATE_LANGUAGE_PER_SOURCE,
          TEMPLATE_LANGUAGES,
          APP_CLIENTS,
          BUSINESS_ACCOUNT_ID,
          EUM_BUSINESS_ACCOUNT_ID,
          STATUS_TOPIC_ARN,
          REQUEST_TIMEOUT_MILLIS,
          MAX_ATTEMPTS,
          KMS_KEY_ARN,
          LOCAL_AES_KEY,
          LOCAL_KEY_NAMESPACE,
          LOCAL_KEY_NAME,
          LOCAL_LEDGER,
          USER_POOL_ID,
          LEDGER_TABLE,
          CHANNELS,
          APP_SECRET_SECRET_ID,
          APP_SECRET,
          WEBHOOK_VERIFY_TOKEN,
          FALLBACK_WINDOW_SECONDS,
          PSEUDONYM_KEY_SECRET_ID,
          PSEUDONYM_KEY,
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
          BREAKER_CHANNELS,
          BREAKER_MIN_SENDS,
          BREAKER_MIN_CONVERSION_PERCENT,
          BREAKER_OPEN_MINUTES,
          EUM_PHONE_NUMBER_ID,
          SMS_ORIGINATION_IDENTITY,
          SMS_CONFIGURATION_SET,
          SMS_MAX_ATTEMPTS,
          SMS_TEXT,
          SMS_TEXT_PER_SOURCE,
          SMS_TEXT_PER_LANGUAGE);

  private Settings() {}

  /** Every setting, in the order the reference page lists them. */
  public static List<Setting> all() {
    return ALL;
  }

  /**
   * The setting named {@code name} exactly, or null (a family such as {@code SMS_TEXT_<SOURCE>}
   * only by that name).
   */
  public static Setting named(String name) {
    for (Setting setting : ALL) {
      if (setting.name().equals(name)) {
        return setting;
      }
    }
    return null;
  }

  private static Setting text(
      String name, String required, String defaultValue, Set<Reader> readers, String doc) {
    return new Setting(name, required, defaultValue, null, null, readers, doc);
  }

  private static Setting number(
      String name, int defaultValue, int min, int max, Set<Reader> readers, String doc) {
    return new Setting(name, "", Integer.toString(defaultValue), min, max, readers, doc);
  }

  /** A limit's count: 0 switches it off; read by both functions (a fallback is a paid send too). */
  private static Setting count(String name, int defaultValue, String doc) {
    return number(name, defaultValue, 0, MAX_COUNT, SENDER_AND_STATUS, doc + " (`0` = off)");
  }
}
