package dev.cognitowa.otp.cli.doctor;

import dev.cognitowa.otp.cli.templates.GraphHttp;
import dev.cognitowa.otp.cli.templates.TemplateApiException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The doctor's Graph checks, with fields that carry no phone number: the token works on the
 * phone-number id ({@code GET /{version}/{phone-number-id}?fields=id}), and the number belongs to
 * the account ({@code GET /{version}/{waba-id}/phone_numbers?fields=id};
 * https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account/phone_numbers/).
 */
final class GraphChecks {
  /** An account has a handful of numbers; one page of 100 holds them all. */
  static final int PHONE_NUMBERS_PAGE = 100;

  private final GraphHttp http;
  private final String base;

  /**
   * @param base {@code {base}/{version}}
   */
  GraphChecks(GraphHttp http, String base) {
    this.http = http;
    this.base = base;
  }

  CheckResult token(String phoneNumberId) {
    try {
      GraphHttp.Answer answer = http.get(URI.create(base + "/" + phoneNumberId + "?fields=id"));
      return answer.ok()
          ? CheckResult.pass(
              "token", "Graph accepts the token for phone-number id " + phoneNumberId)
          : CheckResult.fail("token", answer.error().describe());
    } catch (TemplateApiException e) {
      return CheckResult.fail("token", e.getMessage());
    }
  }

  CheckResult numberInAccount(String phoneNumberId, String accountId) {
    try {
      GraphHttp.Answer answer =
          http.get(
              URI.create(
                  base + "/" + accountId + "/phone_numbers?fields=id&limit=" + PHONE_NUMBERS_PAGE));
      if (!answer.ok()) {
        return CheckResult.fail("number", answer.error().describe());
      }
      List<?> data = answer.body().get("data") instanceof List<?> list ? list : List.of();
      boolean found =
          data.stream()
              .anyMatch(
                  n ->
                      n instanceof Map<?, ?> m
                          && phoneNumberId.equals(String.valueOf(m.get("id"))));
      return found
          ? CheckResult.pass(
              "number", "phone-number id " + phoneNumberId + " belongs to account " + accountId)
          : CheckResult.fail(
              "number",
              "account "
                  + accountId
                  + " has no phone-number id "
                  + phoneNumberId
                  + " -> check WHATSAPP_PHONE_NUMBER_ID and WHATSAPP_BUSINESS_ACCOUNT_ID in"
                  + " WhatsApp Manager (API Setup)");
    } catch (TemplateApiException e) {
      return CheckResult.fail("number", e.getMessage());
    }
  }
}
