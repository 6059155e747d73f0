package dev.cognitowa.otp.sender.eum;

import dev.cognitowa.otp.settings.Settings;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the {@code whatsapp-eum} channel calls AWS End User Messaging Social.
 *
 * @param originationPhoneNumberId {@code EUM_WHATSAPP_PHONE_NUMBER_ID}: {@code phone-number-id-...}
 *     or its ARN (an ARN's region is the client's region)
 * @param metaApiVersion {@code WHATSAPP_API_VERSION}, e.g. v26.0: the Graph version EUM calls Meta
 *     with
 * @param requestTimeout {@code WHATSAPP_REQUEST_TIMEOUT_MILLIS}: the whole of one
 *     SendWhatsAppMessage attempt, never more than the time left
 * @param maxAttempts {@code WHATSAPP_MAX_ATTEMPTS}: requests per message, the first included
 *     (rate-limit refusals passed through from Meta are not counted, as in the Cloud API channel)
 */
public record EumWhatsAppSettings(
    String originationPhoneNumberId,
    String metaApiVersion,
    Duration requestTimeout,
    int maxAttempts) {
  /** The service's own pattern for the id (model shape {@code WhatsAppPhoneNumberId}). */
  static final Pattern PHONE_NUMBER_ID =
      Pattern.compile("(^phone-number-id-.*$)|(^arn:.*:phone-number-id/[0-9a-zA-Z]+$)");

  /** The Graph version when none is set: the same default as the Cloud API channel. */
  public static final String DEFAULT_META_API_VERSION = Settings.GRAPH_API_VERSION;

  /** What {@code EUM_WHATSAPP_PHONE_NUMBER_ID} must be; names the variable, never its value. */
  public static final String PHONE_NUMBER_ID_RULE =
      "EUM_WHATSAPP_PHONE_NUMBER_ID must be phone-number-id-... or its ARN (the id, not the phone number)";

  /** Whether {@code id} is an origination phone-number id or its ARN. */
  public static boolean isPhoneNumberId(String id) {
    return PHONE_NUMBER_ID.matcher(id).matches();
  }

  public EumWhatsAppSettings {
    Objects.requireNonNull(originationPhoneNumberId, "originationPhoneNumberId");
    Objects.requireNonNull(metaApiVersion, "metaApiVersion");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (!PHONE_NUMBER_ID.matcher(originationPhoneNumberId).matches()) {
      throw new IllegalArgumentException(PHONE_NUMBER_ID_RULE);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive");
    }
  }
}
