package dev.cognitowa.otp.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.cognitowa.otp.cli.MetaTemplateAnswers.TEMPLATES_PATH;
import static dev.cognitowa.otp.cli.MetaTemplateAnswers.WABA_ID;
import static dev.cognitowa.otp.cli.MetaTemplateAnswers.page;
import static dev.cognitowa.otp.cli.MetaTemplateAnswers.template;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code otp templates list} against a Graph stand-in shaped like Meta's answers. */
class TemplatesListCommandTest {
  @RegisterExtension
  static WireMockExtension graph =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static WireMockExtension secretsManager =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void setUp() {
    env.put("WHATSAPP_BUSINESS_ACCOUNT_ID", WABA_ID);
    env.put("WHATSAPP_ACCESS_TOKEN", TestSecrets.ACCESS_TOKEN);
    env.put("WHATSAPP_API_BASE_URL", graph.baseUrl());
    env.put("WHATSAPP_TEMPLATE_LANGUAGES", "en_US,pt_BR");
  }

  private static void accountHas(String... templates) {
    graph.stubFor(get(urlPathEqualTo(TEMPLATES_PATH)).willReturn(okJson(page(List.of(templates)))));
  }

  @Test
  void list_shouldExitZero_whenEveryTemplateIsApprovedInEveryLanguage() {
    // given
    accountHas(
        template("otp_code", "en_US", "APPROVED", "AUTHENTICATION"),
        template("otp_code", "pt_BR", "APPROVED", "AUTHENTICATION"),
        template("temporary_password", "en_US", "APPROVED", "UTILITY"),
        template("temporary_password", "pt_BR", "APPROVED", "UTILITY"),
        template("hello_world", "en_US", "APPROVED", "MARKETING"));

    // when
    CliRun run = CliRun.run(env, "templates", "list");

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.outLines())
        .containsExactly(
            "otp_code                     en_US   APPROVED",
            "otp_code                     pt_BR   APPROVED",
            "temporary_password           en_US   APPROVED",
            "temporary_password           pt_BR   APPROVED",
            "all 4 configured templates are approved");
  }

  @Test
  void list_shouldNameEachMissingOrUnapprovedOne_whenSomeAreNotReady() {
    // given
    env.put("WHATSAPP_TEMPLATE_LANGUAGES", "en_US,pt_BR,es");
    accountHas(
        template("otp_code", "en_US", "APPROVED", "AUTHENTICATION"),
        template("otp_code", "pt_BR", "PENDING", "AUTHENTICATION"),
        template("otp_code", "es", "PAUSED", "AUTHENTICATION"),
        template("temporary_password", "en_US", "REJECTED", "UTILITY"),
        template("temporary_password", "es", "APPROVED", "MARKETING"));

    // when
    CliRun run = CliRun.run(env, "templates", "list");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .containsPattern("otp_code +en_US +APPROVED\n")
        .containsPattern("otp_code +pt_BR +PENDING +wait for Meta's review")
        .containsPattern("otp_code +es +PAUSED +paused for low quality")
        .containsPattern("temporary_password +en_US +REJECTED +see the reason in WhatsApp Manager")
        .containsPattern(
            "temporary_password +pt_BR +MISSING +create it: otp templates create --languages pt_BR")
        .containsPattern("temporary_password +es +APPROVED +Meta lists it as MARKETING")
        .contains("5 of 6 configured templates are missing or not approved");
  }

  @Test
  void list_shouldCheckEachSourcesOwnTemplateAndLanguage_whenConfiguredPerSource() {
    // given
    env.remove("WHATSAPP_TEMPLATE_LANGUAGES");
    env.put("WHATSAPP_TEMPLATE_LANGUAGE", "en_GB");
    env.put("WHATSAPP_TEMPLATE_NAME_FORGOT_PASSWORD", "reset_code");
    env.put("WHATSAPP_TEMPLATE_LANGUAGE_FORGOT_PASSWORD", "fr");
    accountHas();

    // when
    CliRun run = CliRun.run(env, "templates", "list");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.outLines())
        .extracting(l -> l.replaceAll(" +", " ").replaceAll(" MISSING.*", ""))
        .containsExactly(
            "otp_code en_GB",
            "reset_code en_GB",
            "reset_code fr",
            "temporary_password en_GB",
            "4 of 4 configured templates are missing or not approved");
  }

  @Test
  void list_shouldExitOneWithTheRemedy_whenTheTokenLacksPermission() {
    // given
    graph.stubFor(
        get(urlPathEqualTo(TEMPLATES_PATH)).willReturn(MetaTemplateAnswers.permissionMissing()));

    // when
    CliRun run = CliRun.run(env, "templates", "list");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("otp: cannot list templates: Meta error 200 (HTTP 403)")
        .contains("needs whatsapp_business_management");
  }

  @Test
  void list_shouldExitOne_whenTheAnswerIsNotGraphs() {
    // given: a proxy's page
    graph.stubFor(
        get(urlPathEqualTo(TEMPLATES_PATH))
            .willReturn(aResponse().withStatus(502).withBody("<html>Bad gateway</html>")));

    // when
    CliRun run = CliRun.run(env, "templates", "list");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("HTTP 502 -> Meta is having trouble; retry later");
  }

  @Test
  void list_shouldReadTheTokenFromSecretsManager_whenASecretIsConfigured() {
    // given
    env.remove("WHATSAPP_ACCESS_TOKEN");
    env.put("WHATSAPP_ACCESS_TOKEN_SECRET_ID", "whatsapp/access-token");
    env.put("AWS_REGION", "eu-west-1");
    env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secretsManager.baseUrl());
    secretsManager.stubFor(
        post(urlEqualTo("/"))
            .willReturn(
                okJson(
                    "{\"Name\":\"whatsapp/access-token\",\"SecretString\":\"{\\\"accessToken\\\":\\\""
                        + TestSecrets.ACCESS_TOKEN
                        + "\\\"}\"}")));
    accountHas(template("otp_code", "en_US", "APPROVED", "AUTHENTICATION"));

    // when
    CliRun run = CliRun.run(env, "templates", "list", "--languages", "en_US");

    // then: the token was used, never shown
    assertThat(run.exitCode()).isEqualTo(1); // temporary_password is missing
    graph.verify(
        getRequestedFor(urlPathEqualTo(TEMPLATES_PATH))
            .withHeader("Authorization", equalTo("Bearer " + TestSecrets.ACCESS_TOKEN)));
  }

  @Test
  void list_shouldExitTwo_whenTheSecretCannotBeRead() {
    // given
    env.remove("WHATSAPP_ACCESS_TOKEN");
    env.put("WHATSAPP_ACCESS_TOKEN_SECRET_ID", "whatsapp/access-token");
    env.put("AWS_REGION", "eu-west-1");
    env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secretsManager.baseUrl());
    secretsManager.stubFor(
        post(urlEqualTo("/"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(
                        "{\"__type\":\"ResourceNotFoundException\",\"Message\":\"Secrets Manager"
                            + " can't find the specified secret.\"}")));

    // when
    CliRun run = CliRun.run(env, "templates", "list");

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("cannot read secret whatsapp/access-token: ResourceNotFoundException");
  }

  @Test
  void templates_shouldListItsSubcommands_whenNoneIsGiven() {
    // when
    CliRun run = CliRun.run(env, "templates");

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("create", "list", "Exit status: 0 ok");
    graph.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void list_shouldPrintOneJsonObject_whenOutputIsJson() throws java.io.IOException {
    // given
    accountHas(
        template("otp_code", "en_US", "APPROVED", "AUTHENTICATION"),
        template("otp_code", "pt_BR", "PENDING", "AUTHENTICATION"),
        template("temporary_password", "en_US", "APPROVED", "UTILITY"));

    // when
    CliRun run = CliRun.run(env, "templates", "list", "--output", "json");

    // then: every configured template in every language, with its state and remedy
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.outLines()).hasSize(1);
    Map<String, Object> report = com.fasterxml.jackson.jr.ob.JSON.std.mapFrom(run.out());
    assertThat(report).containsEntry("ok", false);
    List<?> templates = (List<?>) report.get("templates");
    assertThat(templates).hasSize(4);
    assertThat(run.out())
        .contains(
            "{\"name\":\"otp_code\",\"language\":\"pt_BR\",\"category\":\"AUTHENTICATION\","
                + "\"status\":\"PENDING\",\"ok\":false")
        .contains("\"name\":\"temporary_password\",\"language\":\"pt_BR\"")
        .contains("\"status\":\"MISSING\"");
  }
}
