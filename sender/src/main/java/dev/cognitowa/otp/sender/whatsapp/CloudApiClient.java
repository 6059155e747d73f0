package dev.cognitowa.otp.sender.whatsapp;

import dev.cognitowa.otp.sender.phone.Recipient;
import dev.cognitowa.otp.sender.support.BoundedCall;
import dev.cognitowa.otp.sender.support.JdkHttpSettings;
import dev.cognitowa.otp.sender.support.Json;
import dev.cognitowa.otp.sender.support.Sensitive;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URL;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes exactly one Cloud API request: {@code POST {base}/{version}/{phone-number-id}/messages}
 * with a bearer token. Never throws for HTTP or network problems; the answer is a {@link
 * SendResult}.
 *
 * <p>It uses the JDK's {@link HttpURLConnection}, not {@code java.net.http.HttpClient}: building an
 * HttpClient loads some 250 classes and initialises TLS even for a loopback URL, which measured
 * 0.34 s of a 1.06 s cold invocation on one core; the URL connection loads a tenth of that. One
 * request per event needs no HTTP/2 multiplexing, and the JDK keeps the connection alive between
 * events of a warm container (the body is always read to the end for that).
 */
public final class CloudApiClient {
  /**
   * Longest Graph error description kept: enough for type and title, bounded so a proxy's page
   * cannot flood logs.
   */
  static final int MAX_DESCRIPTION_LENGTH = 160;

  /** Longest Retry-After we honour; a longer wait belongs to Lambda's own asynchronous retry. */
  static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

  /**
   * Graph's answers are well under 4 KiB; reading at most 64 KiB keeps a misbehaving proxy from
   * filling memory or holding the attempt while we drain it.
   */
  static final int MAX_RESPONSE_BYTES = 64 * 1024;

  private static final Pattern DIGIT_RUN = Pattern.compile("\\+?[0-9][0-9 ()-]{6,}[0-9]");

  static {
    JdkHttpSettings
        .apply(); // no silent POST retry by the JDK: a re-sent request can be a second OTP
  }

  private final URL messagesUrl;
  private final Duration connectTimeout;
  private final AtomicLong requests = new AtomicLong();

  public CloudApiClient(WhatsAppSettings settings) {
    try {
      this.messagesUrl = settings.messagesUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("not a URL: " + settings.baseUrl(), e);
    }
    this.connectTimeout = settings.connectTimeout();
  }

  /** Requests made so far, answered or not. */
  public long requestCount() {
    return requests.get();
  }

  /**
   * One attempt, all of it (connect, send, headers and body) bounded by {@code timeout}: the
   * exchange runs on a {@link BoundedCall} worker, which also stops reading a body still arriving
   * at the attempt's deadline, so a server that dribbles a huge body cannot hold the attempt past
   * it.
   */
  public SendResult send(WhatsAppMessage message, Sensitive token, Duration timeout) {
    byte[] body = message.toJsonBytes();
    requests.incrementAndGet();
    long deadline =
        System.nanoTime() + timeout.toNanos(); // at most the 30 s request timeout: no overflow
    Exchange exchange = new Exchange();
    try {
      return BoundedCall.within(
          timeout,
          () -> exchange(body, token, timeout, deadline, exchange),
          () -> {
            HttpURLConnection connection = exchange.connection;
            if (connection != null) {
              connection
                  .disconnect(); // unblocks a connect or header wait; a body read ends by its own
              // timeout
            }
          });
    } catch (BoundedCall.DeadlineExceededException e) {
      return new SendResult.NetworkFailure(e.getClass().getSimpleName(), exchange.requestSent);
    }
  }

  /**
   * What the caller may need of an exchange it gave up on: the connection to close, whether the
   * request left.
   */
  private static final class Exchange {
    volatile HttpURLConnection connection;
    volatile boolean requestSent;
  }

  private SendResult exchange(
      byte[] body, Sensitive token, Duration timeout, long deadline, Exchange exchange) {
    HttpURLConnection connection = null;
    boolean requestSent = false;
    try {
      connection = (HttpURLConnection) messagesUrl.openConnection();
      exchange.connection = connection;
      connection.setRequestMethod("POST");
      connection.setInstanceFollowRedirects(false);
      connection.setConnectTimeout(
          millis(connectTimeout.compareTo(timeout) < 0 ? connectTimeout : timeout));
      connection.setReadTimeout(
          millis(timeout)); // per read: the worker's deadline checks bound the whole body
      connection.setDoOutput(true);
      // Not streaming mode: in it the JDK drops the body of a 401, and Graph's 401 body carries
      // error 190.
      connection.setRequestProperty("Authorization", "Bearer " + token.reveal());
      connection.setRequestProperty("Content-Type", "application/json");
      connection.setRequestProperty("Accept", "application/json");
      try (OutputStream out = connection.getOutputStream()) {
        out.write(body);
      }
      requestSent =
          true; // connected; the request goes out now, so from here on a failure leaves the outcome
      // unknown
      exchange.requestSent = true;
      int status = connection.getResponseCode();
      InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      byte[] response = readBounded(in, deadline);
      if (response == null) {
        connection.disconnect(); // the body did not end in time: this connection must not be reused
        return new SendResult.NetworkFailure(
            BoundedCall.DeadlineExceededException.class.getSimpleName(), true);
      }
      if (response.length > MAX_RESPONSE_BYTES) {
        connection
            .disconnect(); // unread bytes remain: close rather than drain an answer of unknown size
        response = Arrays.copyOf(response, MAX_RESPONSE_BYTES);
      } else if (in != null) {
        in.close(); // read to its end: the JDK keeps the connection alive for the next event
      }
      return interpret(
          status, response, Optional.ofNullable(connection.getHeaderField("Retry-After")));
    } catch (IOException e) {
      if (connection != null) {
        connection.disconnect(); // a half-read connection must not go back to the keep-alive cache
      }
      return new SendResult.NetworkFailure(e.getClass().getSimpleName(), requestSent);
    }
  }

  private static int millis(Duration duration) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
  }

  /**
   * The body, or its first {@code MAX_RESPONSE_BYTES + 1} bytes when longer, or null when it had
   * not ended by the deadline (checked between reads, each of which the read timeout bounds).
   */
  private static byte[] readBounded(InputStream in, long deadline) throws IOException {
    if (in == null) {
      return new byte[0];
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    byte[] buffer = new byte[8192];
    while (out.size() <= MAX_RESPONSE_BYTES) {
      if (System.nanoTime() - deadline >= 0 || Thread.currentThread().isInterrupted()) {
        return null;
      }
      int n = in.read(buffer, 0, Math.min(buffer.length, MAX_RESPONSE_BYTES + 1 - out.size()));
      if (n < 0) {
        return out.toByteArray();
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  /** Reads one answer; public for priming, which replays a canned one. */
  public static SendResult interpret(int status, byte[] body, Optional<String> retryAfter) {
    Map<String, Object> json =
        Json.readObjectLeniently(body); // an HTML page from a proxy reads as {}
    if (status / 100 == 2) {
      Object messages = json.get("messages");
      if (messages instanceof List<?> list
          && !list.isEmpty()
          && list.get(0) instanceof Map<?, ?> first
          && first.get("id") instanceof String id
          && !id.isBlank()) {
        return new SendResult.Accepted(id);
      }
      return new SendResult.Rejected(
          status, null, "malformed response: no messages[0].id", Optional.empty());
    }
    Integer code = null;
    String description = "HTTP " + status;
    if (json.get("error") instanceof Map<?, ?> error) {
      if (error.get("code") instanceof Number n) {
        code = n.intValue();
      }
      description = safe(error.get("type") + ": " + error.get("message"));
    }
    return new SendResult.Rejected(
        status, code, description, retryAfter.flatMap(CloudApiClient::seconds));
  }

  /**
   * Graph's text with any long run of digits (a phone number Graph might echo) masked, then
   * shortened: masking first, so that a number cut at the edge cannot slip under the masking
   * pattern's minimum length.
   */
  static String safe(String text) {
    Matcher m = DIGIT_RUN.matcher(text.replaceAll("\\p{Cntrl}", " "));
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(Recipient.mask(m.group())));
    }
    m.appendTail(out);
    return out.length() > MAX_DESCRIPTION_LENGTH
        ? out.substring(0, MAX_DESCRIPTION_LENGTH)
        : out.toString();
  }

  private static Optional<Duration> seconds(String header) {
    try {
      long seconds = Long.parseLong(header.strip());
      return seconds < 0
          ? Optional.empty()
          : Optional.of(Duration.ofSeconds(Math.min(seconds, MAX_RETRY_AFTER.toSeconds())));
    } catch (NumberFormatException e) {
      return Optional.empty(); // an HTTP date: rare from Graph; our own backoff applies
    }
  }
}
