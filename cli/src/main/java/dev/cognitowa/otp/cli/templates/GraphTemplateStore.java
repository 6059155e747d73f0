package dev.cognitowa.otp.cli.templates;

import dev.cognitowa.otp.sender.support.Sensitive;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
  private final GraphHttp http;

  /**
   * @param baseUrl Graph's base, e.g. https://graph.facebook.com
   * @param version e.g. v26.0
   * @param accountId the WhatsApp Business account id
   */
  public GraphTemplateStore(URI baseUrl, String version, String accountId, Sensitive token) {
    this.templatesUri =
        URI.create(baseUrl + "/" + version + "/" + accountId + "/message_templates");
    this.http = new GraphHttp(token);
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
      GraphHttp.Answer answer = http.get(URI.create(templatesUri + query));
      if (!answer.ok()) {
        throw new TemplateApiException("cannot list templates: " + answer.error().describe());
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
    GraphHttp.Answer answer;
    try {
      answer = http.post(templatesUri, definition.body());
    } catch (TemplateApiException e) {
      return new CreateOutcome.Refused(e.getMessage());
    }
    if (answer.ok()) {
      return new CreateOutcome.Created(
          text(answer.body().get("id")), text(answer.body().get("status")));
    }
    GraphError error = answer.error();
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

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String text(Object value) {
    return value == null ? null : String.valueOf(value);
  }
}
