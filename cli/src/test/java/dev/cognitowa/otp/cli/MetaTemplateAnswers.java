package dev.cognitowa.otp.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Graph's answers on {@code /{version}/{waba-id}/message_templates}, shaped like the reference spec
 * (shared/reference/meta-business-messaging-api_v26.0.yaml: list {@code data[]} with {@code
 * paging.cursors}, create {@code {id,status,category}}) and Meta's error syntax ({@code
 * error.code}, {@code error_subcode}, {@code error_user_msg}).
 */
final class MetaTemplateAnswers {
  static final String WABA_ID = "102290129340398";
  static final String TEMPLATES_PATH = "/v26.0/" + WABA_ID + "/message_templates";

  private MetaTemplateAnswers() {}

  /** One listed template as Graph gives it with fields=id,name,language,status,category. */
  static String template(String name, String language, String status, String category) {
    return "{\"name\":\""
        + name
        + "\",\"language\":\""
        + language
        + "\",\"status\":\""
        + status
        + "\",\"category\":\""
        + category
        + "\",\"id\":\""
        + Math.floorMod((name + language).hashCode(), 1_000_000_000)
        + "\"}";
  }

  /** A last page: data and cursors, no {@code next}. */
  static String page(List<String> templates) {
    return "{\"data\":["
        + String.join(",", templates)
        + "],\"paging\":{\"cursors\":{\"before\":\"QVFIUk1\",\"after\":\"QVFIUkZA\"}}}";
  }

  /** A page with a next one: Graph adds {@code paging.next}. */
  static String pageWithNext(List<String> templates, String after) {
    return "{\"data\":["
        + templates.stream().collect(Collectors.joining(","))
        + "],\"paging\":{\"cursors\":{\"before\":\"QVFIUk1\",\"after\":\""
        + after
        + "\"},\"next\":\"https://graph.facebook.com/v26.0/"
        + WABA_ID
        + "/message_templates?limit=100&after="
        + after
        + "\"}}";
  }

  static String created(String id, String status, String category) {
    return "{\"id\":\""
        + id
        + "\",\"status\":\""
        + status
        + "\",\"category\":\""
        + category
        + "\"}";
  }

  static ResponseDefinitionBuilder error(int status, String errorJson) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":" + errorJson + "}");
  }

  /** Name and language exist already. */
  static ResponseDefinitionBuilder duplicate() {
    return error(
        400,
        "{\"message\":\"Invalid parameter\",\"type\":\"OAuthException\",\"code\":100,"
            + "\"error_subcode\":2388024,\"is_transient\":false,"
            + "\"error_user_title\":\"Content in This Language Already Exists\","
            + "\"error_user_msg\":\"There is already English (US) content for this template.\","
            + "\"fbtrace_id\":\"AbCdEfGh1\"}");
  }

  static ResponseDefinitionBuilder invalidParameter() {
    return error(
        400,
        "{\"message\":\"Invalid parameter\",\"type\":\"OAuthException\",\"code\":100,"
            + "\"error_subcode\":2388043,\"is_transient\":false,"
            + "\"error_user_title\":\"Message template components param is invalid\","
            + "\"error_user_msg\":\"code_expiration_minutes must be between 1 and 90\","
            + "\"fbtrace_id\":\"AbCdEfGh2\"}");
  }

  static ResponseDefinitionBuilder rateLimited() {
    return error(
        400,
        "{\"message\":\"(#80008) There have been too many calls to this WhatsApp Business account."
            + " Wait a bit and try again.\",\"type\":\"OAuthException\",\"code\":80008,"
            + "\"is_transient\":true,\"fbtrace_id\":\"AbCdEfGh3\"}");
  }

  static ResponseDefinitionBuilder permissionMissing() {
    return error(
        403,
        "{\"message\":\"(#200) Permissions error\",\"type\":\"OAuthException\",\"code\":200,"
            + "\"fbtrace_id\":\"AbCdEfGh4\"}");
  }

  static ResponseDefinitionBuilder tokenExpired() {
    return error(
        401,
        "{\"message\":\"Error validating access token: Session has expired on Tuesday,"
            + " 01-Jul-25 10:00:00 PDT.\",\"type\":\"OAuthException\",\"code\":190,"
            + "\"error_subcode\":463,\"fbtrace_id\":\"AbCdEfGh5\"}");
  }
}
