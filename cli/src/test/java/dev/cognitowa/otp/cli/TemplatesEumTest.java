package dev.cognitowa.otp.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code otp templates --channel whatsapp-eum}: the real SDK client against an End User Messaging
 * Social stand-in (REST-JSON: GET /v1/whatsapp/template/list, POST /v1/whatsapp/template/put).
 */
class TemplatesEumTest {
  private static final String ACCOUNT = "waba-1a2b3c4d5e6f";
  private static final String LIST = "/v1/whatsapp/template/list";
  private static final String PUT = "/v1/whatsapp/template/put";

  @RegisterExtension
  static WireMockExtension eum =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void setUp() {
    env.put("EUM_WHATSAPP_BUSINESS_ACCOUNT_ID", ACCOUNT);
    env.put("WHATSAPP_TEMPLATE_LANGUAGES", "en_US");
    env.put("AWS_REGION", "eu-west-1");
    env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    env.put("AWS_ENDPOINT_URL_SOCIALMESSAGING", eum.baseUrl());
  }

  private static void accountHas(String templatesJson) {
    eum.stubFor(
        get(urlPathEqualTo(LIST))
            .withQueryParam("id", equalTo(ACCOUNT))
            .willReturn(okJson("{\"templates\":[" + templatesJson + "]}")));
  }

  @Test
  void create_shouldPutMetasDefinitionThroughEum_whenATemplateIsMissing() throws Exception {
    // given
    accountHas(
        "{\"templateName\":\"otp_code\",\"metaTemplateId\":\"1473688840035974\","
            + "\"templateStatus\":\"APPROVED\",\"templateLanguage\":\"en_US\","
            + "\"templateCategory\":\"AUTHENTICATION\"}");
    eum.stubFor(
        post(urlPathEqualTo(PUT))
            .willReturn(
                okJson(
                    "{\"metaTemplateId\":\"1689556908129832\",\"templateStatus\":\"PENDING\","
                        + "\"category\":\"UTILITY\"}")));

    // when
    CliRun run = CliRun.run(env, "templates", "create", "--channel", "whatsapp-eum");

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .containsPattern("otp_code +en_US +exists +APPROVED")
        .containsPattern("temporary_password +en_US +created +PENDING id 1689556908129832");
    Map<String, Object> request =
        JSON.std.mapFrom(
            eum.findAll(postRequestedFor(urlPathEqualTo(PUT))).get(0).getBodyAsString());
    assertThat(request).containsEntry("id", ACCOUNT);
    Map<String, Object> definition =
        JSON.std.mapFrom(
            new String(
                Base64.getDecoder().decode((String) request.get("templateDefinition")),
                StandardCharsets.UTF_8));
    assertThat(definition)
        .containsEntry("name", "temporary_password")
        .containsEntry("language", "en_US")
        .containsEntry("category", "UTILITY");
  }

  @Test
  void create_shouldExitOneWithRetryLater_whenEumThrottles() {
    // given
    accountHas("");
    eum.stubFor(
        post(urlPathEqualTo(PUT))
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("x-amzn-ErrorType", "ThrottledRequestException")
                    .withBody("{\"message\":\"Rate exceeded\"}")));

    // when
    CliRun run = CliRun.run(env, "templates", "create", "--channel", "whatsapp-eum");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .containsPattern("otp_code +en_US +failed +ThrottledRequestException -> rate-limited");
  }

  @Test
  void create_shouldNameMetasCode_whenEumPassesOneOn() {
    // given
    accountHas("");
    eum.stubFor(
        post(urlPathEqualTo(PUT))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("x-amzn-ErrorType", "ValidationException")
                    .withBody("{\"message\":\"(#100) Invalid parameter\"}")));

    // when
    CliRun run = CliRun.run(env, "templates", "create", "--channel", "whatsapp-eum");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("ValidationException with Meta error 100 -> invalid parameter");
  }

  @Test
  void list_shouldNameTheIamPermission_whenAccessIsDenied() {
    // given
    eum.stubFor(
        get(urlPathEqualTo(LIST))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("x-amzn-ErrorType", "AccessDeniedException")
                    .withBody("{\"message\":\"User is not authorized\"}")));

    // when
    CliRun run = CliRun.run(env, "templates", "list", "--channel", "whatsapp-eum");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("social-messaging:ListWhatsAppMessageTemplates");
  }

  @Test
  void list_shouldReportStatusesFromEum_whenTheAccountIsLinked() {
    // given
    accountHas(
        "{\"templateName\":\"otp_code\",\"templateStatus\":\"APPROVED\",\"templateLanguage\":"
            + "\"en_US\",\"templateCategory\":\"AUTHENTICATION\"},"
            + "{\"templateName\":\"temporary_password\",\"templateStatus\":\"APPROVED\","
            + "\"templateLanguage\":\"en_US\",\"templateCategory\":\"UTILITY\"}");

    // when
    CliRun run = CliRun.run(env, "templates", "list", "--channel", "whatsapp-eum");

    // then
    assertThat(run.exitCode()).isZero();
    eum.verify(getRequestedFor(urlPathEqualTo(LIST)).withQueryParam("id", equalTo(ACCOUNT)));
  }

  @Test
  void list_shouldExitTwo_whenTheEumAccountIsNotSet() {
    // given
    env.remove("EUM_WHATSAPP_BUSINESS_ACCOUNT_ID");

    // when
    CliRun run = CliRun.run(env, "templates", "list", "--channel", "whatsapp-eum");

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("EUM_WHATSAPP_BUSINESS_ACCOUNT_ID is not set");
  }
}
