package dev.cognitowa.otp.sender.whatsapp;

import java.net.URI;
import java.time.Duration;

/**
 * Where and how the Cloud API is called.
 *
 * @param baseUrl Graph API base, e.g. https://graph.facebook.com
 * @param apiVersion e.g. v26.0
 * @param phoneNumberId the sender's phone-number id
 * @param connectTimeout TCP/TLS connect timeout
 * @param requestTimeout timeout of one request, response included
 * @param maxAttempts attempts per message, the first included
 */
public record WhatsAppSettings(
    URI baseUrl,
    String apiVersion,
    String phoneNumberId,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxAttempts) {

  /** {@code {base}/{version}/{phone-number-id}/messages}. */
  public URI messagesUri() {
    return URI.create(baseUrl + "/" + apiVersion + "/" + phoneNumberId + "/messages");
  }
}
