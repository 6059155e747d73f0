package dev.cognitowa.otp.sender.status;

import dev.cognitowa.otp.sender.support.Sensitive;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Meta's webhook through a Lambda function URL (payload format 2.0): the subscription check (GET)
 * and the signed notifications (POST). Nothing is read from a POST before its signature checks out.
 * See https://developers.facebook.com/docs/graph-api/webhooks/getting-started and
 * https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html#urls-payloads
 */
final class WebhookEndpoint {
  /**
   * A status notification is under 1 KiB, and Meta batches a few dozen at most into one POST: 256
   * KiB, the sender's own event bound, is ample, and a larger body is refused before the HMAC is
   * computed over it.
   */
  static final int MAX_BODY_BYTES = 256 * 1024;

  /**
   * Meta's challenge is a number, some ten digits; it is echoed into our response, so only a short
   * run of letters, digits, '-' and '_' is.
   */
  private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  private final WebhookSecretSource secrets;
  private final StatusProcessor processor;
  private final Consumer<String> errors;
  private final AtomicBoolean reportedUnconfigured = new AtomicBoolean();

  /**
   * @param errors receives the one ERROR configuration line written when the app secret is missing
   */
  WebhookEndpoint(WebhookSecretSource secrets, StatusProcessor processor, Consumer<String> errors) {
    this.secrets = secrets;
    this.processor = processor;
    this.errors = errors;
  }

  StatusResponse handle(Map<?, ?> request, Instant deadline) {
    String method = method(request);
    if ("GET".equals(method)) {
      return verify(request, deadline);
    }
    if (!"POST".equals(method)) {
      return StatusResponse.refused(405, "method " + safe(method) + " is not served");
    }
    byte[] body = body(request);
    if (body == null) {
      return StatusResponse.refused(413, "body is larger than " + MAX_BODY_BYTES + " bytes");
    }
    Sensitive appSecret;
    try {
      appSecret = secrets.secrets(deadline).appSecret().orElse(null);
    } catch (WebhookSecretException e) {
      return new StatusResponse(500, "retry", List.of(), e.getMessage());
    }
    if (appSecret == null) {
      if (reportedUnconfigured.compareAndSet(false, true)) {
        errors.accept(
            "the app secret is not configured (empty or " + WebhookSecrets.PLACEHOLDER + ")");
      }
      return StatusResponse.refused(401, "app secret not configured: every POST is refused");
    }
    String signature = header(request, WebhookSignature.HEADER);
    if (signature == null) {
      return StatusResponse.refused(401, "no " + WebhookSignature.HEADER + " header");
    }
    if (!WebhookSignature.verifies(appSecret, body, signature)) {
      return StatusResponse.refused(401, "signature does not match the body");
    }
    try {
      return StatusResponse.of(
          processor.process(StatusNotifications.fromWebhookBody(body), deadline));
    } catch (StatusPayloadException e) {
      // signed, so Meta's; but no redelivery can make it readable
      return StatusResponse.refused(400, e.getMessage());
    }
  }

  /** The subscription check: {@code hub.mode=subscribe} and the verify token, constant-time. */
  private StatusResponse verify(Map<?, ?> request, Instant deadline) {
    Map<?, ?> query = request.get("queryStringParameters") instanceof Map<?, ?> q ? q : Map.of();
    Sensitive expected;
    try {
      expected = secrets.secrets(deadline).verifyToken().orElse(null);
    } catch (WebhookSecretException e) {
      return new StatusResponse(500, "retry", List.of(), e.getMessage());
    }
    if (expected == null) {
      return StatusResponse.refused(403, "no verify token configured");
    }
    if (!"subscribe".equals(query.get("hub.mode"))
        || !(query.get("hub.verify_token") instanceof String token)
        || !MessageDigest.isEqual(
            token.getBytes(StandardCharsets.UTF_8),
            expected.reveal().getBytes(StandardCharsets.UTF_8))) {
      return StatusResponse.refused(403, "subscription check with a wrong mode or token");
    }
    if (!(query.get("hub.challenge") instanceof String challenge)
        || !CHALLENGE.matcher(challenge).matches()) {
      return StatusResponse.refused(403, "subscription check without a plain challenge");
    }
    return new StatusResponse(200, challenge, List.of(), null);
  }

  private static String method(Map<?, ?> request) {
    if (request.get("requestContext") instanceof Map<?, ?> context
        && context.get("http") instanceof Map<?, ?> http
        && http.get("method") instanceof String method) {
      return method.toUpperCase(Locale.ROOT);
    }
    return "";
  }

  /** The raw body bytes, base64-decoded when so marked; null when larger than allowed. */
  private static byte[] body(Map<?, ?> request) {
    String body = request.get("body") instanceof String b ? b : "";
    boolean base64 = Boolean.TRUE.equals(request.get("isBase64Encoded"));
    if (body.length() > (base64 ? (MAX_BODY_BYTES / 3 + 1) * 4 : MAX_BODY_BYTES)) {
      return null;
    }
    byte[] bytes;
    try {
      bytes = base64 ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return new byte[0]; // not base64: signs as nothing Meta sent, so it is refused with 401
    }
    return bytes.length > MAX_BODY_BYTES ? null : bytes;
  }

  /** A header by name, whatever its case (function URLs lower-case them; other callers may not). */
  private static String header(Map<?, ?> request, String name) {
    if (request.get("headers") instanceof Map<?, ?> headers) {
      for (Map.Entry<?, ?> entry : headers.entrySet()) {
        if (name.equalsIgnoreCase(String.valueOf(entry.getKey()))
            && entry.getValue() instanceof String value) {
          return value;
        }
      }
    }
    return null;
  }

  /** A method name is echoed in the log only when it looks like one. */
  private static String safe(String method) {
    return method.matches("[A-Z]{1,10}") ? method : "(not shown)";
  }
}
