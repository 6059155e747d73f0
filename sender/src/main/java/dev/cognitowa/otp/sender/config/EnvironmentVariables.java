package dev.cognitowa.otp.sender.config;

import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.settings.Settings;

/**
 * The environment variable names the Lambda, {@code otp invoke} and {@code otp send} read, as the
 * settings registry ({@link Settings}) defines them.
 */
public final class EnvironmentVariables {
  public static final String PHONE_NUMBER_ID = Settings.PHONE_NUMBER_ID.name();
  public static final String ACCESS_TOKEN_SECRET_ID = Settings.ACCESS_TOKEN_SECRET_ID.name();
  public static final String ACCESS_TOKEN = Settings.ACCESS_TOKEN.name();
  public static final String ACCESS_TOKEN_CACHE_SECONDS =
      Settings.ACCESS_TOKEN_CACHE_SECONDS.name();
  public static final String API_BASE_URL = Settings.API_BASE_URL.name();
  public static final String API_VERSION = Settings.API_VERSION.name();
  public static final String TEMPLATE_NAME = Settings.TEMPLATE_NAME_SETTING.name();
  public static final String TEMPLATE_LANGUAGE = Settings.TEMPLATE_LANGUAGE_SETTING.name();

  /**
   * The languages every template is approved in, comma-separated WhatsApp codes; a user's locale
   * picks among them.
   */
  public static final String TEMPLATE_LANGUAGES = Settings.TEMPLATE_LANGUAGES.name();

  /** Per app client overlays of the template and SMS text settings, as one JSON object. */
  public static final String APP_CLIENTS = Settings.APP_CLIENTS.name();

  public static final String REQUEST_TIMEOUT_MILLIS = Settings.REQUEST_TIMEOUT_MILLIS.name();
  public static final String MAX_ATTEMPTS = Settings.MAX_ATTEMPTS.name();
  public static final String KMS_KEY_ARN = Settings.KMS_KEY_ARN.name();
  public static final String LOCAL_AES_KEY = Settings.LOCAL_AES_KEY.name();
  public static final String LOCAL_KEY_NAMESPACE = Settings.LOCAL_KEY_NAMESPACE.name();
  public static final String LOCAL_KEY_NAME = Settings.LOCAL_KEY_NAME.name();
  public static final String USER_POOL_ID = Settings.USER_POOL_ID.name();
  public static final String LEDGER_TABLE = Settings.LEDGER_TABLE.name();
  public static final String CHANNELS = Settings.CHANNELS.name();
  public static final String APP_SECRET_SECRET_ID = Settings.APP_SECRET_SECRET_ID.name();
  public static final String APP_SECRET = Settings.APP_SECRET.name();
  public static final String WEBHOOK_VERIFY_TOKEN = Settings.WEBHOOK_VERIFY_TOKEN.name();
  public static final String FALLBACK_WINDOW_SECONDS = Settings.FALLBACK_WINDOW_SECONDS.name();
  public static final String PSEUDONYM_KEY_SECRET_ID = Settings.PSEUDONYM_KEY_SECRET_ID.name();
  public static final String PSEUDONYM_KEY = Settings.PSEUDONYM_KEY.name();

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
