package dev.cognitowa.otp.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
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
import dev.cognitowa.otp.sender.testutils.Events;
import dev.cognitowa.otp.sender.testutils.LocalEnvironment;
import dev.cognitowa.otp.sender.testutils.TestCiphertexts;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import dev.cognitowa.otp.sender.testutils.Wamids;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code otp invoke} as the README says: one JSON line on stdout, exit 0 sent, 1 delivery failed, 2
 * bad input.
 */
class InvokeCommandTest {
  private static final String MESSAGES_PATH = "/v26.0/" + TestSecrets.PHONE_NUMBER_ID + "/messages";

  @RegisterExtension
  static WireMockExtension graph =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  /** Shaped as Meta's: base64 of a record that begins with the number, which must never print. */
  private static final String WAMID = Wamids.of(TestSecrets.PHONE, 123);

  @TempDir Path dir;

  private Map<String, String> env;

  @BeforeEach
  void setUp() {
    graph.stubFor(
        post(urlEqualTo(MESSAGES_PATH))
            .willReturn(
                okJson(
                    "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\""
                        + WAMID
                        + "\"}]}")));
    env = LocalEnvironment.whatsApp(graph.baseUrl());
  }

  private Path write(String event) throws Exception {
    Path file = Files.createTempFile(dir, "event", ".json");
    Files.writeString(file, event, StandardCharsets.UTF_8);
    return file;
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(TriggerSource.class)
  void invoke_shouldPrintSentAndExitZero_whenEventIsGood(TriggerSource source) throws Exception {
    // given
    String secret =
        source.carriesTemporaryPassword()
            ? TestSecrets.TEMPORARY_PASSWORD_ESCAPED
            : TestSecrets.CODE;
    Path event = write(Events.encrypted(source, secret));

    // when
    CliRun run = CliRun.run(env, "invoke", "--event", event.toString());

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.outLines()).hasSize(1);
    assertThat(JSON.std.mapFrom(run.outLines()[0]))
        .containsEntry("status", "sent")
        .containsEntry("channel", "whatsapp")
        .containsEntry("messageId", MessageRef.of(WAMID));
    assertThat(run.err()).isEmpty();
    String expectedFirstParameter =
        source.carriesTemporaryPassword()
            ? "$.template.components[0].parameters[1].text"
            : "$.template.components[0].parameters[0].text";
    graph.verify(
        1,
        postRequestedFor(urlEqualTo(MESSAGES_PATH))
            .withRequestBody(
                matchingJsonPath(
                    expectedFirstParameter,
                    com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                        source.carriesTemporaryPassword()
                            ? TestSecrets.TEMPORARY_PASSWORD
                            : TestSecrets.CODE))));
  }

  static Stream<Arguments> badEvents() {
    String good = Events.encrypted(TriggerSource.SIGN_UP, TestSecrets.CODE);
    return Stream.of(
        Arguments.of("empty file", ""),
        Arguments.of("not JSON", "hello"),
        Arguments.of("JSON array", "[]"),
        Arguments.of(
            "email sender", good.replace("customSMSSenderRequestV1", "customEmailSenderRequestV1")),
        Arguments.of(
            "unknown trigger", good.replace("CustomSMSSender_SignUp", "CustomSMSSender_Other")),
        Arguments.of(
            "bad phone",
            good.replaceAll("\"phone_number\"\\s*:\\s*\"[^\"]+\"", "\"phone_number\":\"+1\"")),
        Arguments.of(
            "foreign key",
            Events.withCode(
                TriggerSource.SIGN_UP,
                TestCiphertexts.encrypt(
                    TestSecrets.CODE,
                    TestSecrets.USER_POOL_ID,
                    new byte[32],
                    TestCiphertexts.LOCAL_KEY_NAMESPACE,
                    TestCiphertexts.LOCAL_KEY_NAME))),
        Arguments.of("code not base64", Events.withCode(TriggerSource.SIGN_UP, "%%%")),
        Arguments.of(
            "powertools SMS sample",
            Events.resource(
                "/events/reference/powertools-python_cognitoCustomSMSSenderEvent.json")),
        Arguments.of(
            "real captured email event",
            Events.resource(
                "/events/reference/real-captured_custom-email-sender-signup_Yorlin2S.json")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badEvents")
  void invoke_shouldExitTwoWithOneLineAndSendNothing_whenEventIsBad(String name, String event)
      throws Exception {
    // when
    CliRun run = CliRun.run(env, "invoke", "--event", write(event).toString());

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.errLines()[0]).startsWith("otp: ");
    assertThat(JSON.std.mapFrom(run.outLines()[0])).containsEntry("status", "refused");
    graph.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void invoke_shouldExitTwo_whenConfigurationIsMissing() throws Exception {
    // given
    env.remove("OTP_LOCAL_AES_KEY");
    Path event = write(Events.encrypted(TriggerSource.SIGN_UP, TestSecrets.CODE));

    // when
    CliRun run = CliRun.run(env, "invoke", "--event", event.toString());

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("KMS_KEY_ARN is not set (or OTP_LOCAL_AES_KEY for local runs)");
    graph.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void invoke_shouldExitTwo_whenEventFileDoesNotExist() {
    // when
    CliRun run = CliRun.run(env, "invoke", "--event", dir.resolve("missing.json").toString());

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("event file not found");
  }

  @Test
  void invoke_shouldExitOneWithTheFailure_whenWhatsAppRefusesTheTemplate() throws Exception {
    // given
    graph.stubFor(
        post(urlEqualTo(MESSAGES_PATH))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":{\"message\":\"(#132001) Template name "
                            + "does not exist in the translation\",\"type\":\"OAuthException\",\"code\":132001}}")));
    Path event = write(Events.encrypted(TriggerSource.SIGN_UP, TestSecrets.CODE));

    // when
    CliRun run = CliRun.run(env, "invoke", "--event", event.toString());

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(JSON.std.mapFrom(run.outLines()[0]))
        .containsEntry("status", "failed")
        .containsEntry("errorCode", 132001)
        .containsEntry("failureKind", "CONFIGURATION");
    assertThat(run.errLines()).hasSize(1);
    graph.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
  }

  @Test
  void invoke_shouldPrintTheLogLine_whenVerbose() throws Exception {
    // given
    Path event = write(Events.encrypted(TriggerSource.SIGN_UP, TestSecrets.CODE));

    // when
    CliRun run = CliRun.run(env, "invoke", "--verbose", "--event", event.toString());

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(JSON.std.mapFrom(run.errLines()[0]))
        .containsEntry("outcome", "sent")
        .containsKey("recipient");
  }

  @Test
  void invoke_shouldPrintExactlyTheLineOfBefore_whenOtpChannelsIsWhatsAppAlone() throws Exception {
    // given
    Path event = write(Events.encrypted(TriggerSource.SIGN_UP, TestSecrets.CODE));
    String before = CliRun.run(env, "invoke", "--event", event.toString()).out();
    env.put("OTP_CHANNELS", "whatsapp");

    // when
    CliRun run = CliRun.run(env, "invoke", "--event", event.toString());

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .isEqualTo(before)
        .isEqualToIgnoringNewLines(
            "{\"status\":\"sent\",\"channel\":\"whatsapp\",\"messageId\":\""
                + MessageRef.of(WAMID)
                + "\",\"attempts\":1}");
  }

  @Test
  void invoke_shouldExitTwoAndSendNothing_whenAListedChannelLacksItsSetting() throws Exception {
    // given
    env.put("OTP_CHANNELS", "whatsapp,whatsapp-eum");
    env.put("AWS_REGION", "eu-west-1");
    Path event = write(Events.encrypted(TriggerSource.SIGN_UP, TestSecrets.CODE));

    // when
    CliRun run = CliRun.run(env, "invoke", "--event", event.toString());

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("EUM_WHATSAPP_PHONE_NUMBER_ID is not set");
    graph.verify(0, anyRequestedFor(anyUrl()));
  }
}
