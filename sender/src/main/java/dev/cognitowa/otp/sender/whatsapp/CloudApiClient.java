package dev.cognitowa.otp.sender.whatsapp;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.cognitowa.otp.sender.Sensitive;
import dev.cognitowa.otp.sender.delivery.Recipient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes exactly one Cloud API request: {@code POST {base}/{version}/{phone-number-id}/messages} with a bearer token.
 * Never throws for HTTP or network problems; the answer is a {@link SendResult}. One {@link HttpClient} per instance,
 * so connections are reused across events in a warm container.
 */
public final class CloudApiClient {
  /** Longest Graph error description kept: enough for type and title, bounded so a proxy's page cannot flood logs. */
  static final int MAX_DESCRIPTION_LENGTH = 160;
  /** Longest Retry-After we honour; a longer wait belongs to Lambda's own asynchronous retry. */
  static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);
  private static final Pattern DIGIT_RUN = Pattern.compile("\\+?[0-9][0-9 ()-]{6,}[0-9]");

  private final HttpClient http;
  private final URI messagesUri;
  private final AtomicLong requests = new AtomicLong();

  public CloudApiClient(WhatsAppSettings settings) {
    this(settings, HttpClient.newBuilder()
        .connectTimeout(settings.connectTimeout())
        // Graph speaks HTTP/2 over TLS (ALPN); plain http is only ever a loopback stand-in, where h2c upgrade is noise
        .version("https".equals(settings.baseUrl().getScheme()) ? HttpClient.Version.HTTP_2
            : HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build());
  }

  public CloudApiClient(WhatsAppSettings settings, HttpClient http) {
    this.http = http;
    this.messagesUri = settings.messagesUri();
  }

  /** Requests made so far, answered or not. */
  public long requestCount() {
    return requests.get();
  }

  /** One attempt, bounded by {@code timeout}. */
  public SendResult send(WhatsAppMessage message, Sensitive token, Duration timeout) {
    HttpRequest request = HttpRequest.newBuilder(messagesUri)
        .timeout(timeout)
        .header("Authorization", "Bearer " + token.reveal())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(message.toJsonBytes()))
        .build();
    requests.incrementAndGet();
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return interpret(response.statusCode(), response.body(), response.headers().firstValue("Retry-After"));
    } catch (IOException e) {
      return new SendResult.NetworkFailure(e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new SendResult.NetworkFailure("InterruptedException");
    }
  }

  static SendResult interpret(int status, byte[] body, Optional<String> retryAfter) {
    Map<String, Object> json = parse(body);
    if (status / 100 == 2) {
      Object messages = json.get("messages");
      if (messages instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first
          && first.get("id") instanceof String id && !id.isBlank()) {
        return new SendResult.Accepted(id);
      }
      return new SendResult.Rejected(status, null, "malformed response: no messages[0].id", Optional.empty());
    }
    Integer code = null;
    String description = "HTTP " + status;
    if (json.get("error") instanceof Map<?, ?> error) {
      if (error.get("code") instanceof Number n) {
        code = n.intValue();
      }
      description = safe(error.get("type") + ": " + error.get("message"));
    }
    return new SendResult.Rejected(status, code, description, retryAfter.flatMap(CloudApiClient::seconds));
  }

  private static Map<String, Object> parse(byte[] body) {
    try {
      Object value = JSON.std.anyFrom(body);
      if (value instanceof Map<?, ?>) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return map;
      }
    } catch (IOException | RuntimeException e) {
      // an HTML error page from a proxy: decided by status alone
    }
    return Map.of();
  }

  /** Graph's text, shortened, with any long run of digits (a phone number Graph might echo) masked. */
  static String safe(String text) {
    String shortened = text.length() > MAX_DESCRIPTION_LENGTH ? text.substring(0, MAX_DESCRIPTION_LENGTH) : text;
    Matcher m = DIGIT_RUN.matcher(shortened.replaceAll("\\p{Cntrl}", " "));
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(Recipient.mask(m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static Optional<Duration> seconds(String header) {
    try {
      long seconds = Long.parseLong(header.strip());
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(Math.min(seconds,
          MAX_RETRY_AFTER.toSeconds())));
    } catch (NumberFormatException e) {
      return Optional.empty(); // an HTTP date: rare from Graph; our own backoff applies
    }
  }
}
