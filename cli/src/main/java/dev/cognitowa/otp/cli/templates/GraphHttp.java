package dev.cognitowa.otp.cli.templates;

import dev.cognitowa.otp.sender.support.Json;
import dev.cognitowa.otp.sender.support.Sensitive;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * One Graph API request at a time with a bearer token, for the operator's commands ({@code otp
 * templates}, {@code otp doctor}); the Lambda's hot path has its own client. The token goes in the
 * Authorization header only, never in a URL, a message or an exception.
 */
public final class GraphHttp {
  /** Graph answers these calls in about a second; this bounds a dead connection attempt. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** A whole request, slow networks included, without leaving the terminal hanging. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final Sensitive token;
  private final HttpClient http;

  public GraphHttp(Sensitive token) {
    this.token = token;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER) // a redirect must not carry the token away
            .build();
  }

  /**
   * Graph's answer: the HTTP status and the body as an object ({} when it is not JSON).
   *
   * @param status the HTTP status
   * @param body the JSON object
   */
  public record Answer(int status, Map<String, Object> body) {
    public boolean ok() {
      return status / 100 == 2;
    }

    /** The error this answer carries, with its remedy. */
    public GraphError error() {
      return GraphError.of(status, body);
    }
  }

  /**
   * Sends a GET.
   *
   * @throws TemplateApiException when Graph cannot be reached
   */
  public Answer get(URI uri) {
    return exchange(uri, HttpRequest.newBuilder(uri).GET());
  }

  /**
   * Sends a POST with a JSON body.
   *
   * @throws TemplateApiException when Graph cannot be reached
   */
  public Answer post(URI uri, Map<String, Object> json) {
    return exchange(
        uri,
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Json.write(json))));
  }

  private Answer exchange(URI uri, HttpRequest.Builder request) {
    try {
      HttpResponse<byte[]> response =
          http.send(
              request
                  .timeout(REQUEST_TIMEOUT)
                  .header("Authorization", "Bearer " + token.reveal())
                  .header("Accept", "application/json")
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(response.statusCode(), Json.readObjectLeniently(response.body()));
    } catch (IOException e) {
      throw new TemplateApiException(
          "cannot reach Graph at "
              + uri.getHost()
              + " ("
              + e.getClass().getSimpleName()
              + ") -> check the network and WHATSAPP_API_BASE_URL, then retry");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TemplateApiException("interrupted while waiting for Graph");
    }
  }
}
