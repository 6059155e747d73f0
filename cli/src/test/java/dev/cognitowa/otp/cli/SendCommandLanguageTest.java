package dev.cognitowa.otp.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code otp send --locale} and {@code --app-client}: try a localised or a client's template. */
class SendCommandLanguageTest {
  private static final String MESSAGES_PATH = "/v26.0/" + TestSecrets.PHONE_NUMBER_ID + "/messages";

  @RegisterExtension
  static WireMockExtension graph =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private Map<String, String> env() {
    graph.stubFor(
        post(urlEqualTo(MESSAGES_PATH))
            .willReturn(okJson("{\"messages\":[{\"id\":\"wamid.SEND2\"}]}")));
    return Map.of(
        "WHATSAPP_PHONE_NUMBER_ID",
        TestSecrets.PHONE_NUMBER_ID,
        "WHATSAPP_ACCESS_TOKEN",
        TestSecrets.ACCESS_TOKEN,
        "WHATSAPP_API_BASE_URL",
        graph.baseUrl(),
        "WHATSAPP_TEMPLATE_LANGUAGES",
        "en_US,pt_BR",
        "OTP_APP_CLIENTS",
        "{\"acme1\":{\"WHATSAPP_TEMPLATE_NAME\":\"acme_otp\"}}");
  }

  @Test
  void send_shouldUseTheLocalesLanguageAndTheClientsTemplate_whenBothAreGiven() {
    // when
    CliRun run =
        CliRun.run(
            env(),
            "send",
            "--to",
            TestSecrets.PHONE,
            "--code",
            TestSecrets.CODE,
            "--locale",
            "pt-BR",
            "--app-client",
            "acme1");

    // then
    assertThat(run.exitCode()).isZero();
    graph.verify(
        1,
        postRequestedFor(urlEqualTo(MESSAGES_PATH))
            .withRequestBody(matchingJsonPath("$.template.name", equalTo("acme_otp")))
            .withRequestBody(matchingJsonPath("$.template.language.code", equalTo("pt_BR"))));
  }

  @Test
  void send_shouldExitTwoAndSendNothing_whenTheLocaleIsNotATag() {
    // when
    CliRun run =
        CliRun.run(
            env(), "send", "--to", TestSecrets.PHONE, "--code", TestSecrets.CODE, "--locale", "C");

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--locale must be a language tag");
    graph.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void send_shouldExitTwoAndSendNothing_whenTheAppClientIsNotAnId() {
    // when
    CliRun run =
        CliRun.run(
            env(),
            "send",
            "--to",
            TestSecrets.PHONE,
            "--code",
            TestSecrets.CODE,
            "--app-client",
            "a b");

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--app-client must be an app client id");
    graph.verify(0, anyRequestedFor(anyUrl()));
  }
}
