package dev.cognitowa.otp.sender.status;

import dev.cognitowa.otp.sender.support.Sensitive;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Meta's webhook signature: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body,
 * keyed with the app secret>}, compared in constant time. See
 * https://developers.facebook.com/docs/graph-api/webhooks/getting-started#validate-payloads
 */
public final class WebhookSignature {
  /** The header, as Lambda function URLs deliver it: every header name lower-cased. */
  static final String HEADER = "x-hub-signature-256";

  private static final String PREFIX = "sha256=";

  /** An HMAC-SHA256 is 32 bytes: 64 hex digits. */
  private static final int HEX_LENGTH = 64;

  private WebhookSignature() {}

  /**
   * Whether {@code header} is a well-formed signature of exactly these bytes under {@code
   * appSecret}; false for a missing or malformed header, never an exception.
   */
  public static boolean verifies(Sensitive appSecret, byte[] body, String header) {
    if (header == null) {
      return false;
    }
    String value = header.strip();
    if (!value.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
        || value.length() != PREFIX.length() + HEX_LENGTH) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(value, PREFIX.length(), value.length());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(sign(appSecret, body), given);
  }

  /** The raw HMAC-SHA256 of {@code body} under the app secret. */
  static byte[] sign(Sensitive appSecret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(appSecret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform has HmacSHA256", e);
    }
  }

  /** The header value for {@code body}: what Meta sends, and what {@code otp} tests sign with. */
  public static String headerFor(Sensitive appSecret, byte[] body) {
    return PREFIX + HexFormat.of().formatHex(sign(appSecret, body));
  }
}
