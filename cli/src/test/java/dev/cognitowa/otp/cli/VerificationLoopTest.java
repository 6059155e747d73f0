package dev.cognitowa.otp.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.status.WebhookSignature;
import dev.cognitowa.otp.sender.support.Sensitive;
import dev.cognitowa.otp.sender.testutils.Dynalite;
import dev.cognitowa.otp.sender.testutils.Events;
import dev.cognitowa.otp.sender.testutils.TestCiphertexts;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import dev.cognitowa.otp.settings.Settings;
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
 * The verification loop end to end over real sockets: {@code otp invoke} sends (WhatsApp through a
 * loopback Graph stand-in, SMS through the real SDK against a loopback End User Messaging SMS), a
 * signed webhook through {@code otp status} says delivered, {@code otp verified} runs the Post
 * confirmation event, and {@code otp report} reads the funnel from dynalite.
 */
class VerificationLoopTest {
  private static final String MESSAGES_PATH =
      "/" + Settings.GRAPH_API_VERSION + "/" + TestSecrets.PHONE_NUMBER_ID + "/messages";
  private static final String APP_SECRET = "cli-test-app-secret-9c1e44ab";

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
    env.put("OTP_PSEUDONYM_KEY", "the cli test's pseudonym key, 32+ characters");
    sms.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("PinpointSMSVoiceV2.SendTextMessage"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.0")
                    .withBody("{\"MessageId\":\"sms-loop-1\"}")));
  }

  private Path file(String name, String text) throws Exception {
    return Files.writeString(
        Files.createTempFile(dir, name, ".json"), text, StandardCharsets.UTF_8);
  }

  private Path delivered(String wamid) throws Exception {
    return file(
        "webhook",
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\","
            + "\"changes\":[{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\","
            + "\"metadata\":{\"display_phone_number\":\"15550001111\",\"phone_number_id\":\""
            + TestSecrets.PHONE_NUMBER_ID
            + "\"},\"statuses\":[{\"id\":\""
            + wamid
            + "\",\"status\":\"delivered\",\"timestamp\":\"1764640000\",\"recipient_id\":\""
            + TestSecrets.PHONE_DIGITS
            + "\"}]}}]}]}\n");
  }

  @Test
  void report_shouldShowFullConversion_whenTheSentCodeWasDeliveredAndConfirmed() throws Exception {
    // given: WhatsApp accepts a sign-up code
    String wamid = "wamid.HBgLNDQ3OTExMTIzNDU2FQIAERgSLOOP-1";
    graph.stubFor(
        post(urlEqualTo(MESSAGES_PATH))
            .willReturn(
                okJson(
                    "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\""
                        + wamid
                        + "\"}]}")));
    CliRun sent =
        CliRun.run(
            env,
            "invoke",
            "--event",
            file("event", Events.encrypted(TriggerSource.SIGN_UP, TestSecrets.CODE)).toString());

    // when: the status says delivered, then the user confirms the sign-up
    Path webhook = delivered(wamid);
    CliRun status =
        CliRun.run(
            env,
            "status",
            "--payload",
            webhook.toString(),
            "--signature",
            WebhookSignature.headerFor(Sensitive.of(APP_SECRET), Files.readAllBytes(webhook)));
    CliRun verified =
        CliRun.run(
            env,
            "verified",
            "--event",
            file("confirmed", Events.resource("/events/post_confirmation_confirm_sign_up.json"))
                .toString());
    CliRun again =
        CliRun.run(
            env,
            "verified",
            "--event",
            file("confirmed", Events.resource("/events/post_confirmation_confirm_sign_up.json"))
                .toString());
    CliRun json = CliRun.run(env, "report", "--since", "1h", "--output", "json");
    CliRun text = CliRun.run(env, "report", "--price", "whatsapp:GG=0.01");

    // then
    assertThat(sent.exitCode()).isZero();
    assertThat(status.exitCode()).isZero();
    assertThat(verified.exitCode()).isZero();
    assertThat(JSON.std.mapFrom(verified.outLines()[0]))
        .containsEntry("status", "verified")
        .containsEntry("channel", "whatsapp")
        .containsEntry("country", "GG");
    assertThat(JSON.std.mapFrom(again.outLines()[0])).containsEntry("status", "nothing_to_record");
    assertThat(json.exitCode()).isZero();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rows =
        (List<Map<String, Object>>) JSON.std.mapFrom(json.outLines()[0]).get("rows");
    Map<String, Object> row =
        rows.stream().filter(r -> "whatsapp".equals(r.get("channel"))).findFirst().orElseThrow();
    assertThat(row)
        .containsEntry("channel", "whatsapp")
        .containsEntry("country", "GG")
        .containsEntry("sent", 1)
        .containsEntry("delivered", 1)
        .containsEntry("verified", 1)
        .containsEntry("refused", 0)
        .containsEntry("conversion", 1.0);
    assertThat(row.get("medianTimeToVerifySeconds")).isNotNull();
    assertThat(text.exitCode()).isZero();
    String line =
        java.util.Arrays.stream(text.outLines())
            .filter(l -> l.startsWith("whatsapp"))
            .findFirst()
            .orElseThrow();
    assertThat(line).contains("GG").contains("100 %");
    assertThat(line).contains("0.0100"); // 0.01 + AWS's share, one send per user
    assertThat(sent.out() + status.out() + verified.out() + json.out() + text.out())
        .doesNotContain(wamid)
        .doesNotContain("maria.garcia");
  }

  @Test
  void invoke_shouldRefuseFurtherSmsToThePumpedCountry_whileAnotherCountryKeepsSending()
      throws Exception {
    // given: SMS only; a pumping run of 40 sign-up codes to Nigerian numbers, none confirmed
    env.put("OTP_CHANNELS", "sms");
    env.put("OTP_SMS_LIMIT_PER_NUMBER_DAY", "0"); // each number once: the limits are not the point
    int refused = 0;
    for (int i = 0; i < 40; i++) {
      String number = String.format(java.util.Locale.ROOT, "+234803%07d", 1_000_000 + i);
      CliRun run =
          CliRun.run(
              env,
              false,
              "invoke",
              "--event",
              file(
                      "pump",
                      Events.encrypted(TriggerSource.SIGN_UP, TestSecrets.CODE)
                          .replace(TestSecrets.PHONE, number)
                          .replace("maria.garcia", "bot" + i))
                  .toString());
      if (run.out().contains("REFUSED_BY_LIMIT")) {
        refused++;
        assertThat(run.out()).contains("conversion");
      }
    }

    // when: a real user in Germany asks for a code
    CliRun german =
        CliRun.run(
            env,
            "invoke",
            "--event",
            file(
                    "real",
                    Events.encrypted(TriggerSource.SIGN_UP, TestSecrets.CODE)
                        .replace(TestSecrets.PHONE, "+4915123456789"))
                .toString());

    // then: the breaker opened at the 30th; Germany is not affected
    assertThat(refused).isEqualTo(11);
    assertThat(german.exitCode()).isZero();
    assertThat(german.out()).contains("\"status\":\"sent\"");
    sms.verify(30, postRequestedFor(urlEqualTo("/")));
    CliRun report = CliRun.run(env, "report", "--output", "json");
    assertThat(report.out()).contains("\"country\":\"NG\"").contains("\"refused\":11");
  }

  @Test
  void verified_shouldExitTwoOnABadEvent_andOneWhenTheLedgerCannotBeAsked() throws Exception {
    // given
    Map<String, String> offline = new HashMap<>(env);
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      offline.put("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + socket.getLocalPort());
    }
    Path confirmed =
        file("confirmed", Events.resource("/events/post_confirmation_confirm_sign_up.json"));

    // when
    CliRun bad =
        CliRun.run(env, "verified", "--event", file("bad", "{\"triggerSource\":1}").toString());
    CliRun down = CliRun.run(offline, "verified", "--event", confirmed.toString());
    CliRun missing = CliRun.run(env, "verified", "--event", dir.resolve("none.json").toString());

    // then
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("triggerSource is missing or not a string");
    assertThat(down.exitCode()).isEqualTo(1);
    assertThat(JSON.std.mapFrom(down.outLines()[0])).containsEntry("status", "failed");
    assertThat(missing.exitCode()).isEqualTo(2);
  }

  @Test
  void report_shouldTakeAnIsoDuration_andPrintItsHeader() {
    // when: an ISO-8601 duration instead of 90m / 24h / 7d
    CliRun run = CliRun.run(env, "report", "--since", "PT1S");

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.outLines()[0]).startsWith("channel");
  }

  @Test
  void report_shouldRefuseWithExitTwo_whenTheSettingsAreWrong() {
    // when
    Map<String, String> noTable = new HashMap<>(env);
    noTable.remove("OTP_LEDGER_TABLE");
    CliRun run = CliRun.run(noTable, "report", "--since", "9w", "--output", "xml", "--price", "x");

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("--since must be")
        .contains("--output must be text or json")
        .contains("OTP_LEDGER_TABLE is not set")
        .contains("--price must be");
  }
}
