package dev.cognitowa.otp.cli.templates;

import dev.cognitowa.otp.sender.support.Json;
import dev.cognitowa.otp.sender.support.Sensitive;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The templates of a WhatsApp Business account through Meta's Graph API: {@code GET} and {@code
 * POST /{version}/{waba-id}/message_templates} with a bearer token
 * (https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account/message_templates/).
 * The token goes in the Authorization header only, never in a URL, a message or an exception.
 */
public final class GraphTemplateStore implements TemplateStore {
  /** Graph answers template calls in about a second; this bounds a dead connection attempt. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** A whole request, slow networks included, without leaving the terminal hanging. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** Graph's page size limit for this edge is generous; 100 keeps each answer small. */
  static final int PAGE_SIZE = 100;

  /**
   * 50 pages of 100: far more templates than an account of this project has, and a bound should a
   * stand-in or proxy page forever.
   */
  static final int MAX_PAGES = 50;

  /** Only what the list and the comparison need: names, languages, status, category. */
  static final String FIELDS = "id,name,language,status,category";

  private final URI templatesUri;
  private final Sensitive token;
  private final HttpClient http;

  /**
   * @param baseUrl Graph's base, e.g. https://graph.facebook.com
   * @param version e.g. v23.0
   * @param accountId the WhatsApp Business account id
   */
  public GraphTemplateStore(URI baseUrl, String version, String accountId, Sensitive token) {
    this.templatesUri =
        URI.create(baseUrl + "/" + version + "/" + accountId + "/message_templates");
    this.token = token;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER) // a redirect must not carry the token away
            .build();
  }

  @Override
  public List<ExistingTemplate> list() {
    List<ExistingTemplate> templates = new ArrayList<>();
    String after = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      String query =
          "?fields="
              + FIELDS
              + "&limit="
              + PAGE_SIZE
              + (after == null ? "" : "&after=" + encode(after));
      Answer answer = exchange(HttpRequest.newBuilder(URI.create(templatesUri + query)).GET());
      if (answer.status() / 100 != 2) {
        throw new TemplateApiException(
            "cannot list templates: " + GraphError.of(answer.status(), answer.body()).describe());
      }
      if (answer.body().get("data") instanceof List<?> data) {
        for (Object item : data) {
          if (item instanceof Map<?, ?> t) {
            templates.add(
                new ExistingTemplate(
                    text(t.get("name")),
                    text(t.get("language")),
                    text(t.get("status")),
                    text(t.get("category")),
                    text(t.get("id"))));
          }
        }
      }
      after = nextCursor(answer.body());
      if (after == null) {
        return templates;
      }
    }
    return templates;
  }

  @Override
  public CreateOutcome create(TemplateDefinition definition) {
    Answer answer;
    try {
      answer =
          exchange(
              HttpRequest.newBuilder(templatesUri)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(Json.write(definition.body()))));
    } catch (TemplateApiException e) {
      return new CreateOutcome.Refused(e.getMessage());
    }
    if (answer.status() / 100 == 2) {
      return new CreateOutcome.Created(
          text(answer.body().get("id")), text(answer.body().get("status")));
    }
    GraphError error = GraphError.of(answer.status(), answer.body());
    return error.isDuplicate()
        ? new CreateOutcome.AlreadyExists()
        : new CreateOutcome.Refused(error.describe());
  }

  /** The cursor of the next page: only when Graph says there is one. */
  private static String nextCursor(Map<String, Object> body) {
    if (body.get("paging") instanceof Map<?, ?> paging
        && paging.get("next") != null
        && paging.get("cursors") instanceof Map<?, ?> cursors
        && cursors.get("after") instanceof String after
        && !after.isEmpty()) {
      return after;
    }
    return null;
  }

  private record Answer(int status, Map<String, Object> body) {}

  private Answer exchange(HttpRequest.Builder request) {
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
              + templatesUri.getHost()
              + " ("
              + e.getClass().getSimpleName()
              + ") -> check the network and WHATSAPP_API_BASE_URL, then retry");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TemplateApiException("interrupted while waiting for Graph");
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String text(Object value) {
    return value == null ? null : String.valueOf(value);
  }
}
