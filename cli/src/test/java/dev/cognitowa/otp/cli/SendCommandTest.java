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
import dev.cognitowa.otp.sender.delivery.MessageRef;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SendCommandTest {
  private static final String MESSAGES_PATH = "/v26.0/" + TestSecrets.PHONE_NUMBER_ID + "/messages";

  @RegisterExtension
  static WireMockExtension graph =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private Map<String, String> env() {
    graph.stubFor(
        post(urlEqualTo(MESSAGES_PATH))
            .willReturn(okJson("{\"messages\":[{\"id\":\"wamid.SEND1\"}]}")));
    return Map.of(
        "WHATSAPP_PHONE_NUMBER_ID",
        TestSecrets.PHONE_NUMBER_ID,
        "WHATSAPP_ACCESS_TOKEN",
        TestSecrets.ACCESS_TOKEN,
        "WHATSAPP_API_BASE_URL",
        graph.baseUrl(),
        "WHATSAPP_TEMPLATE_NAME_SIGN_UP",
        "welcome_code");
  }

  @Test
  void send_shouldUseTheSourcesTemplate_whenTriggerSourceIsGiven() {
    // when
    CliRun run =
        CliRun.run(
            env(),
            "send",
            "--to",
            TestSecrets.PHONE,
            "--code",
            TestSecrets.CODE,
            "--trigger-source",
            "SIGN_UP");

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("\"status\":\"sent\"")
        .contains(MessageRef.of("wamid.SEND1"))
        .doesNotContain(TestSecrets.CODE);
    graph.verify(
        1,
        postRequestedFor(urlEqualTo(MESSAGES_PATH))
            .withRequestBody(matchingJsonPath("$.template.name", equalTo("welcome_code")))
            .withRequestBody(matchingJsonPath("$.to", equalTo(TestSecrets.PHONE))));
  }

  @Test
  void send_shouldNotNeedADecryptionKey_whenSendingAPlainCode() {
    // when
    CliRun run = CliRun.run(env(), "send", "--to", TestSecrets.PHONE, "--code", TestSecrets.CODE);

    // then
    assertThat(run.exitCode()).isZero();
    graph.verify(
        1,
        postRequestedFor(urlEqualTo(MESSAGES_PATH))
            .withRequestBody(matchingJsonPath("$.template.name", equalTo("otp_code"))));
  }

  @Test
  void send_shouldExitTwoWithMaskedNumber_whenRecipientIsNotE164() {
    // when
    CliRun run = CliRun.run(env(), "send", "--to", "447911123456", "--code", TestSecrets.CODE);

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("otp: ")
        .contains("--to needs the country code after a '+'")
        .doesNotContain("447911123456");
    graph.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void send_shouldExitTwo_whenTriggerSourceIsUnknown() {
    // when
    CliRun run =
        CliRun.run(
            env(),
            "send",
            "--to",
            TestSecrets.PHONE,
            "--code",
            TestSecrets.CODE,
            "--trigger-source",
            "Login");

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--trigger-source must be one of CustomSMSSender_SignUp");
  }
}
