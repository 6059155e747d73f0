package dev.cognitowa.otp.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cognitowa.otp.sender.delivery.MessageRef;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.status.WebhookSignature;
import dev.cognitowa.otp.sender.support.Sensitive;
import dev.cognitowa.otp.sender.testutils.Dynalite;
import dev.cognitowa.otp.sender.testutils.Events;
import dev.cognitowa.otp.sender.testutils.TestCiphertexts;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import dev.cognitowa.otp.sender.tracking.DynamoDbMessageLedger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end over real sockets: WhatsApp (a loopback stand-in of Graph) accepts the code, the
 * ledger on dynalite keeps what a resend needs, and a signed {@code failed} webhook run through
 * {@code otp status} sends the same code by SMS (the real SDK client against a loopback stand-in of
 * End User Messaging SMS), once.
 */
class StatusCommandTest {
  private static final String MESSAGES_PATH = "/v26.0/" + TestSecrets.PHONE_NUMBER_ID + "/messages";
  private static final String SMS_TARGET = "PinpointSMSVoiceV2.SendTextMessage";
  private static final String APP_SECRET = "cli-test-app-secret-5f0c2a9d";
  private static final String WRONG_SECRET = "cli-test-wrong-secret-77aa01";
  private static final String SECOND_CODE = "480615";

  @RegisterExtension
  static WireMockExtension graph =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static WireMockExtension sms =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension static Dynalite dynalite = new Dynalite();

  @TempDir Path dir;

  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void environment() {
    env.putAll(dynalite.environment());
    env.put("WHATSAPP_PHONE_NUMBER_ID", TestSecrets.PHONE_NUMBER_ID);
    env.put("WHATSAPP_ACCESS_TOKEN", TestSecrets.ACCESS_TOKEN);
    env.put("WHATSAPP_API_BASE_URL", graph.baseUrl());
    env.put("OTP_LOCAL_AES_KEY", TestCiphertexts.LOCAL_KEY_BASE64);
    env.put("OTP_LOCAL_KEY_NAMESPACE", TestCiphertexts.LOCAL_KEY_NAMESPACE);
    env.put("OTP_LOCAL_KEY_NAME", TestCiphertexts.LOCAL_KEY_NAME);
    env.put("OTP_CHANNELS", "whatsapp,sms");
    env.put("AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2", sms.baseUrl());
    env.put("WHATSAPP_APP_SECRET", APP_SECRET);
    sms.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo(SMS_TARGET))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.0")
                    .withBody("{\"MessageId\":\"sms-late-1\"}")));
  }

  /** {@code otp invoke} of a fresh event, WhatsApp accepting it as {@code wamid}. */
  private void invokeAccepted(String wamid, String code) throws Exception {
    graph.stubFor(
        post(urlEqualTo(MESSAGES_PATH))
            .willReturn(
                okJson(
                    "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\""
                        + wamid
                        + "\"}]}")));
    Path event =
        Files.writeString(
            Files.createTempFile(dir, "event", ".json"),
            Events.encrypted(TriggerSource.SIGN_UP, code),
            StandardCharsets.UTF_8);
    CliRun run = CliRun.run(env, "invoke", "--event", event.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("\"channel\":\"whatsapp\"");
  }

  private Path webhook(String wamid, String status) throws Exception {
    String body =
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\","
            + "\"changes\":[{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\","
            + "\"metadata\":{\"display_phone_number\":\"15550001111\",\"phone_number_id\":\""
            + TestSecrets.PHONE_NUMBER_ID
            + "\"},\"statuses\":[{\"id\":\""
            + wamid
            + "\",\"status\":\""
            + status
            + "\",\"timestamp\":\"1764640000\",\"recipient_id\":\""
            + TestSecrets.PHONE_DIGITS
            + "\""
            + ("failed".equals(status)
                ? ",\"errors\":[{\"code\":131026,\"title\":\"Message undeliverable\"}]"
                : "")
            + "}]}}]}]}\n";
    return Files.writeString(
        Files.createTempFile(dir, "webhook", ".json"), body, StandardCharsets.UTF_8);
  }

  private static String signature(Path file, String secret) throws Exception {
    return WebhookSignature.headerFor(Sensitive.of(secret), Files.readAllBytes(file));
  }

  private CliRun status(Path file, String signature) {
    return CliRun.run(env, "status", "--payload", file.toString(), "--signature", signature);
  }

  @Test
  void status_shouldSendTheCodeBySmsOnce_whenASignedFailedWebhookFollowsAnAcceptedMessage()
      throws Exception {
    // given: WhatsApp accepted the code, nothing went by SMS
    String wamid = "wamid.HBgLNDQ3OTExMTIzNDU2FQIAERgSE2E2E-1";
    invokeAccepted(wamid, TestSecrets.CODE);
    sms.verify(0, postRequestedFor(urlEqualTo("/")));
    Path failed = webhook(wamid, "failed");

    // when
    CliRun first = status(failed, signature(failed, APP_SECRET));
    CliRun second = status(failed, signature(failed, APP_SECRET));

    // then: the same code, by SMS, exactly once
    assertThat(first.exitCode()).isZero();
    Map<String, Object> line = JSON.std.mapFrom(first.outLines()[0]);
    assertThat(line).containsEntry("status", "handled").containsEntry("httpStatus", 200);
    assertThat((List<?>) line.get("statuses"))
        .singleElement()
        .isEqualTo(
            Map.of(
                "ref",
                MessageRef.of(wamid),
                "status",
                "failed",
                "errorCode",
                131026,
                "result",
                "FALLBACK_SENT",
                "channel",
                "sms",
                "fallbackFrom",
                List.of("whatsapp:131026")));
    assertThat(second.exitCode()).isZero();
    assertThat(second.out()).contains("\"result\":\"ALREADY_HANDLED\"");
    sms.verify(
        1,
        postRequestedFor(urlEqualTo("/"))
            .withRequestBody(
                matchingJsonPath("$.DestinationPhoneNumber", equalTo(TestSecrets.PHONE)))
            .withRequestBody(
                matchingJsonPath(
                    "$.MessageBody", equalTo("Your verification code is " + TestSecrets.CODE))));
    sms.verify(1, postRequestedFor(urlEqualTo("/")));
    assertThat(first.out() + first.err() + second.out()).doesNotContain(wamid);
  }

  @Test
  void status_shouldRefuseWithExitTwoAndSendNothing_whenTheSignatureIsWrongOrMissing()
      throws Exception {
    // given
    String wamid = "wamid.HBgLNDQ3OTExMTIzNDU2FQIAERgSE2E2E-2";
    invokeAccepted(wamid, SECOND_CODE);
    Path failed = webhook(wamid, "failed");

    // when
    CliRun wrong = status(failed, signature(failed, WRONG_SECRET));
    CliRun missing = CliRun.run(env, "status", "--payload", failed.toString());

    // then
    assertThat(wrong.exitCode()).isEqualTo(2);
    assertThat(JSON.std.mapFrom(wrong.outLines()[0]))
        .containsEntry("status", "refused")
        .containsEntry("httpStatus", 401);
    assertThat(wrong.errLines()).singleElement().asString().startsWith("otp: signature");
    assertThat(missing.exitCode()).isEqualTo(2);
    sms.verify(0, postRequestedFor(urlEqualTo("/")));
    assertThat(dynalite.item(DynamoDbMessageLedger.key(MessageRef.of(wamid))))
        .doesNotContainKey("fallbackOwner");
  }

  @Test
  void status_shouldExitOne_whenTheSmsFallbackIsRefused() throws Exception {
    // given: SMS refuses the message for good
    String wamid = "wamid.HBgLNDQ3OTExMTIzNDU2FQIAERgSE2E2E-3";
    invokeAccepted(wamid, "902211");
    sms.stubFor(
        post(urlEqualTo("/"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/x-amz-json-1.0")
                    .withBody(
                        "{\"__type\":\"ValidationException\",\"Message\":\"invalid\","
                            + "\"Reason\":\"INVALID_PARAMETER\"}")));
    Path failed = webhook(wamid, "failed");

    // when
    CliRun run = status(failed, signature(failed, APP_SECRET));

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(JSON.std.mapFrom(run.outLines()[0])).containsEntry("status", "failed");
    assertThat(run.out()).contains("\"result\":\"FALLBACK_FAILED\"");
  }

  @Test
  void status_shouldRecordTheDelivery_whenEndUserMessagingSocialPublishesIt() throws Exception {
    // given: an EUM Social event as SNS carries it, its WhatsApp entry as a JSON string
    String wamid = "wamid.HBgLNDQ3OTExMTIzNDU2FQIAERgSE2E2E-4";
    invokeAccepted(wamid, "315570");
    String entry =
        "{\"id\":\"102290129340398\",\"changes\":[{\"field\":\"messages\",\"value\":{"
            + "\"messaging_product\":\"whatsapp\",\"statuses\":[{\"id\":\""
            + wamid
            + "\",\"status\":\"delivered\",\"timestamp\":\"1764640003\"}]}}]}";
    Path event =
        Files.writeString(
            dir.resolve("eum.json"),
            JSON.std.asString(
                Map.of(
                    "context",
                    Map.of("MetaWabaIds", List.of(), "MetaPhoneNumberIds", List.of()),
                    "whatsAppWebhookEntry",
                    entry,
                    "aws_account_id",
                    "123456789012",
                    "message_timestamp",
                    "2026-12-02T07:00:03.271279391Z")),
            StandardCharsets.UTF_8);

    // when
    CliRun run = CliRun.run(env, "status", "--sns", "--payload", event.toString());

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("\"result\":\"RECORDED\"");
    assertThat(dynalite.item(DynamoDbMessageLedger.key(MessageRef.of(wamid))))
        .containsKey("deliveredAt");
  }

  @Test
  void status_shouldExitTwo_whenTheSnsPayloadIsNotAnEumEvent() throws Exception {
    // given
    Path event = Files.writeString(dir.resolve("not-eum.json"), "{\"hello\":1}");

    // when
    CliRun run = CliRun.run(env, "status", "--sns", "--payload", event.toString());

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(JSON.std.mapFrom(run.outLines()[0])).containsEntry("httpStatus", 400);
  }

  @Test
  void status_shouldExitTwoListingEveryProblemOnce_whenTheConfigurationIsWrong() throws Exception {
    // given
    env.remove("WHATSAPP_APP_SECRET");
    env.put("OTP_FALLBACK_WINDOW_SECONDS", "0");
    Path event = Files.writeString(dir.resolve("body.json"), "{}");

    // when
    CliRun run = CliRun.run(env, "status", "--payload", event.toString());

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .contains("WHATSAPP_APP_SECRET_SECRET_ID is not set")
        .containsOnlyOnce("OTP_FALLBACK_WINDOW_SECONDS must be");
  }
}
