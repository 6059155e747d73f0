package dev.cognitowa.otp.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cognitowa.otp.sender.delivery.MessageRef;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.testutils.Events;
import dev.cognitowa.otp.sender.testutils.TestCiphertexts;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code otp invoke} with {@code OTP_CHANNELS=whatsapp,sms}: a number that is not on WhatsApp
 * (131026) still gets its code, by End User Messaging SMS, through the real SDK client against a
 * loopback stand-in of that service.
 */
class InvokeCommandFallbackTest {
  private static final String MESSAGES_PATH = "/v26.0/" + TestSecrets.PHONE_NUMBER_ID + "/messages";
  private static final String SMS_TARGET = "PinpointSMSVoiceV2.SendTextMessage";
  private static final String NOT_ON_WHATSAPP =
      "{\"error\":{\"message\":\"(#131026) Message undeliverable\","
          + "\"type\":\"OAuthException\",\"code\":131026,\"fbtrace_id\":\"Az8or2yhqkZfEZ-_4Qn_Bam\"}}";

  @RegisterExtension
  static WireMockExtension graph =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static WireMockExtension sms =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void environment() {
    env.put("WHATSAPP_PHONE_NUMBER_ID", TestSecrets.PHONE_NUMBER_ID);
    env.put("WHATSAPP_ACCESS_TOKEN", TestSecrets.ACCESS_TOKEN);
    env.put("WHATSAPP_API_BASE_URL", graph.baseUrl());
    env.put("OTP_LOCAL_AES_KEY", TestCiphertexts.LOCAL_KEY_BASE64);
    env.put("OTP_LOCAL_KEY_NAMESPACE", TestCiphertexts.LOCAL_KEY_NAMESPACE);
    env.put("OTP_LOCAL_KEY_NAME", TestCiphertexts.LOCAL_KEY_NAME);
    env.put("OTP_CHANNELS", "whatsapp,sms");
    env.put("AWS_REGION", "eu-west-1");
    env.put("AWS_ACCESS_KEY_ID", "AKIDTEST");
    env.put("AWS_SECRET_ACCESS_KEY", "test-secret-key");
    env.put("AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2", sms.baseUrl());
    graph.stubFor(
        post(urlEqualTo(MESSAGES_PATH))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(NOT_ON_WHATSAPP)));
    sms.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo(SMS_TARGET))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.0")
                    .withBody("{\"MessageId\":\"sms-fallback-1\"}")));
  }

  @Test
  void invoke_shouldDeliverBySms_whenWhatsAppAnswersThatTheNumberCannotReceiveIt()
      throws Exception {
    // given
    Path event =
        Files.writeString(
            dir.resolve("event.json"),
            Events.encrypted(TriggerSource.SIGN_UP, TestSecrets.CODE),
            StandardCharsets.UTF_8);

    // when
    CliRun run = CliRun.run(env, "invoke", "--event", event.toString());

    // then: sent, by sms, saying which channel failed before it
    assertThat(run.exitCode()).isEqualTo(0);
    assertThat(run.out())
        .isEqualToIgnoringNewLines(
            "{\"status\":\"sent\",\"channel\":\"sms\","
                + "\"messageId\":\""
                + MessageRef.of("sms-fallback-1")
                + "\",\"attempts\":1,\"fallbackFrom\":[\"whatsapp:131026\"]}");
    graph.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
    sms.verify(
        1,
        postRequestedFor(urlEqualTo("/"))
            .withRequestBody(
                matchingJsonPath("$.DestinationPhoneNumber", equalTo(TestSecrets.PHONE)))
            .withRequestBody(matchingJsonPath("$.MessageType", equalTo("TRANSACTIONAL")))
            .withRequestBody(
                matchingJsonPath(
                    "$.MessageBody", equalTo("Your verification code is " + TestSecrets.CODE))));
  }

  @Test
  void invoke_shouldNotFallBack_whenWhatsAppAccepts() throws Exception {
    // given
    graph.stubFor(
        post(urlEqualTo(MESSAGES_PATH))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.FIRST\"}]}")));
    Path event =
        Files.writeString(
            dir.resolve("event.json"),
            Events.encrypted(TriggerSource.SIGN_UP, TestSecrets.CODE),
            StandardCharsets.UTF_8);

    // when
    CliRun run = CliRun.run(env, "invoke", "--event", event.toString());

    // then
    assertThat(run.exitCode()).isEqualTo(0);
    assertThat(run.out()).contains("\"channel\":\"whatsapp\"").doesNotContain("fallbackFrom");
    sms.verify(0, postRequestedFor(urlEqualTo("/")));
  }
}
