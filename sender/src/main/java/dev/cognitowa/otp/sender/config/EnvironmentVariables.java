package dev.cognitowa.otp.sender.config;

import dev.cognitowa.otp.sender.event.TriggerSource;

/** The environment variable names the Lambda, {@code otp invoke} and {@code otp send} read. */
public final class EnvironmentVariables {
  public static final String PHONE_NUMBER_ID = "WHATSAPP_PHONE_NUMBER_ID";
  public static final String ACCESS_TOKEN_SECRET_ID = "WHATSAPP_ACCESS_TOKEN_SECRET_ID";
  public static final String ACCESS_TOKEN = "WHATSAPP_ACCESS_TOKEN";
  public static final String ACCESS_TOKEN_CACHE_SECONDS = "WHATSAPP_ACCESS_TOKEN_CACHE_SECONDS";
  public static final String API_BASE_URL = "WHATSAPP_API_BASE_URL";
  public static final String API_VERSION = "WHATSAPP_API_VERSION";
  public static final String TEMPLATE_NAME = "WHATSAPP_TEMPLATE_NAME";
  public static final String TEMPLATE_LANGUAGE = "WHATSAPP_TEMPLATE_LANGUAGE";

  /**
   * The languages every template is approved in, comma-separated WhatsApp codes; a user's locale
   * picks among them.
   */
  public static final String TEMPLATE_LANGUAGES = "WHATSAPP_TEMPLATE_LANGUAGES";

  /** Per app client overlays of the template and SMS text settings, as one JSON object. */
  public static final String APP_CLIENTS = "OTP_APP_CLIENTS";

  public static final String REQUEST_TIMEOUT_MILLIS = "WHATSAPP_REQUEST_TIMEOUT_MILLIS";
  public static final String MAX_ATTEMPTS = "WHATSAPP_MAX_ATTEMPTS";
  public static final String KMS_KEY_ARN = "KMS_KEY_ARN";
  public static final String LOCAL_AES_KEY = "OTP_LOCAL_AES_KEY";
  public static final String LOCAL_KEY_NAMESPACE = "OTP_LOCAL_KEY_NAMESPACE";
  public static final String LOCAL_KEY_NAME = "OTP_LOCAL_KEY_NAME";
  public static final String USER_POOL_ID = "COGNITO_USER_POOL_ID";
  public static final String LEDGER_TABLE = "OTP_LEDGER_TABLE";
  public static final String CHANNELS = "OTP_CHANNELS";
  public static final String APP_SECRET_SECRET_ID = "WHATSAPP_APP_SECRET_SECRET_ID";
  public static final String APP_SECRET = "WHATSAPP_APP_SECRET";
  public static final String WEBHOOK_VERIFY_TOKEN = "WHATSAPP_WEBHOOK_VERIFY_TOKEN";
  public static final String FALLBACK_WINDOW_SECONDS = "OTP_FALLBACK_WINDOW_SECONDS";
  public static final String PSEUDONYM_KEY_SECRET_ID = "OTP_PSEUDONYM_KEY_SECRET_ID";
  public static final String PSEUDONYM_KEY = "OTP_PSEUDONYM_KEY";

  private EnvironmentVariables() {}

  /** {@code WHATSAPP_TEMPLATE_NAME_FORGOT_PASSWORD} and so on: a per-source template name. */
  public static String templateName(TriggerSource source) {
    return TEMPLATE_NAME + "_" + source.environmentSuffix();
  }

  /**
   * {@code WHATSAPP_TEMPLATE_LANGUAGE_FORGOT_PASSWORD} and so on: a per-source template language.
   */
  public static String templateLanguage(TriggerSource source) {
    return TEMPLATE_LANGUAGE + "_" + source.environmentSuffix();
  }
}
