package dev.cognitowa.otp.sender;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.ob.JSON;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cognitowa.otp.sender.config.SenderConfigurationException;
import dev.cognitowa.otp.sender.crypto.CodeDecryptionException;
import dev.cognitowa.otp.sender.delivery.DeliveryFailedException;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.delivery.MessageRef;
import dev.cognitowa.otp.sender.event.InvalidEventException;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.testutils.Events;
import dev.cognitowa.otp.sender.testutils.LocalEnvironment;
import dev.cognitowa.otp.sender.testutils.TestCiphertexts;
import dev.cognitowa.otp.sender.testutils.TestLambdaContext;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import dev.cognitowa.otp.sender.wiring.SenderWiring;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The handler end to end: real parser, real Encryption SDK, real channel over HTTP to a local Graph
 * stand-in.
 */
class CustomSmsSenderHandlerTest {
  private static final String MESSAGES_PATH = "/v26.0/" + TestSecrets.PHONE_NUMBER_ID + "/messages";
  private static final String WAMID = "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJCOTY3NDc0NDFDRUI3NTA0Q0UA";

  @RegisterExtension
  static WireMockExtension graph =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final List<String> logLines = new ArrayList<>();
  private CustomSmsSenderHandler handler;

  static Map<String, String> environment(String graphBaseUrl) {
    Map<String, String> env = LocalEnvironment.whatsApp(graphBaseUrl);
    env.put("COGNITO_USER_POOL_ID", TestSecrets.USER_POOL_ID);
    return env;
  }

  @BeforeEach
  void setUp() {
    graph.stubFor(
        post(urlEqualTo(MESSAGES_PATH))
            .willReturn(
                okJson(
                    "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"x\",\"wa_id\":\"x\"}],"
                        + "\"messages\":[{\"id\":\""
                        + WAMID
                        + "\"}]}")));
    handler =
        new CustomSmsSenderHandler(
            environment(graph.baseUrl()),
            line -> {
              logLines.add(line);
              System.out.println(line); // seen by the suite's output guard
            });
  }

  private DeliveryOutcome.Delivered deliver(String event) {
    return handler.deliver(
        event.getBytes(StandardCharsets.UTF_8), Instant.now().plusSeconds(10), "req-1");
  }

  private static String phoneOf(String event) throws Exception {
    Map<String, Object> map = JSON.std.mapFrom(event);
    return (String)
        ((Map<?, ?>) ((Map<?, ?>) map.get("request")).get("userAttributes")).get("phone_number");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = TriggerSource.class,
      names = "ADMIN_CREATE_USER",
      mode = EnumSource.Mode.EXCLUDE)
  void deliver_shouldSendTheAuthenticationTemplate_whenSourceCarriesACode(TriggerSource source)
      throws Exception {
    // given
    String event = Events.encrypted(source, TestSecrets.CODE);

    // when
    DeliveryOutcome.Delivered delivered = deliver(event);

    // then
    assertThat(delivered.messageRef()).isEqualTo(MessageRef.of(WAMID));
    assertThat(delivered.attempts()).isEqualTo(1);
    graph.verify(
        1,
        postRequestedFor(urlEqualTo(MESSAGES_PATH))
            .withHeader("Authorization", equalTo("Bearer " + TestSecrets.ACCESS_TOKEN))
            .withRequestBody(
                equalToJson(
                    "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\","
                        + "\"to\":\""
                        + phoneOf(event)
                        + "\",\"type\":\"template\",\"template\":{\"name\":\"otp_code\","
                        + "\"language\":{\"code\":\"en_US\"},\"components\":["
                        + "{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\""
                        + TestSecrets.CODE
                        + "\"}]},"
                        + "{\"type\":\"button\",\"sub_type\":\"url\",\"index\":\"0\","
                        + "\"parameters\":[{\"type\":\"text\",\"text\":\""
                        + TestSecrets.CODE
                        + "\"}]}]}}")));
  }

  @Test
  void deliver_shouldSendUserNameAndUnescapedPassword_whenAdminCreatesUser() throws Exception {
    // given
    String event =
        Events.encrypted(TriggerSource.ADMIN_CREATE_USER, TestSecrets.TEMPORARY_PASSWORD_ESCAPED);
    String userName = (String) JSON.std.mapFrom(event).get("userName");

    // when
    deliver(event);

    // then
    graph.verify(
        1,
        postRequestedFor(urlEqualTo(MESSAGES_PATH))
            .withRequestBody(
                equalToJson(
                    "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\""
                        + phoneOf(event)
                        + "\","
                        + "\"type\":\"template\",\"template\":{\"name\":\"temporary_password\",\"language\":{\"code\":\"en_US\"},"
                        + "\"components\":[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\""
                        + userName
                        + "\"},"
                        + "{\"type\":\"text\",\"text\":"
                        + JSON.std.asString(TestSecrets.TEMPORARY_PASSWORD)
                        + "}]}]}}")));
  }

  @Test
  void deliver_shouldWriteOneMaskedLogLine_whenSent() throws Exception {
    // given
    String event = Events.encrypted(TriggerSource.SIGN_UP, TestSecrets.CODE);
    String phone = phoneOf(event);

    // when
    deliver(event);

    // then
    assertThat(logLines).hasSize(1);
    Map<String, Object> line = JSON.std.mapFrom(logLines.get(0));
    assertThat(line)
        .containsEntry("level", "INFO")
        .containsEntry("outcome", "sent")
        .containsEntry("triggerSource", "CustomSMSSender_SignUp")
        .containsEntry("userPoolId", TestSecrets.USER_POOL_ID)
        .containsEntry("channel", "whatsapp")
        .containsEntry("attempts", 1)
        .containsEntry("messageId", MessageRef.of(WAMID))
        .containsEntry("template", "otp_code")
        .containsEntry("requestId", "req-1")
        .containsKey("latencyMs");
    assertThat((String) line.get("recipient"))
        .endsWith(phone.substring(phone.length() - 4))
        .doesNotContain(phone.substring(1, phone.length() - 4));
    assertThat(logLines.get(0)).doesNotContain(TestSecrets.CODE, TestSecrets.ACCESS_TOKEN, phone);
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        refusal(
            "event from another pool than COGNITO_USER_POOL_ID",
            InvalidEventException.class,
            "event is from user pool eu-west-1_OTHER",
            e -> e.replace(TestSecrets.USER_POOL_ID, "eu-west-1_OTHER")),
        refusal(
            "ciphertext bound to another pool",
            CodeDecryptionException.class,
            "userpool-id",
            e ->
                e.replaceAll(
                    "\"code\"\\s*:\\s*\"[^\"]+\"",
                    "\"code\":\""
                        + TestCiphertexts.encrypt(TestSecrets.CODE, "eu-west-1_OTHER")
                        + "\"")),
        refusal(
            "phone number not E.164",
            InvalidEventException.class,
            "phone_number",
            e ->
                e.replaceAll(
                    "\"phone_number\"\\s*:\\s*\"[^\"]+\"", "\"phone_number\":\"07700 900123\"")),
        refusal(
            "phone number missing",
            InvalidEventException.class,
            "phone_number",
            e -> e.replaceAll("\"phone_number\"\\s*:\\s*\"[^\"]+\",?", "")),
        refusal(
            "tampered ciphertext",
            CodeDecryptionException.class,
            "",
            CustomSmsSenderHandlerTest::tamper),
        refusal(
            "code not base64",
            CodeDecryptionException.class,
            "base64",
            e -> e.replaceAll("\"code\"\\s*:\\s*\"[^\"]+\"", "\"code\":\"not*base64!\"")),
        refusal(
            "email sender event",
            InvalidEventException.class,
            "customEmailSenderRequestV1",
            e -> e.replace("customSMSSenderRequestV1", "customEmailSenderRequestV1")),
        refusal(
            "unknown trigger source",
            InvalidEventException.class,
            "CustomSMSSender_Nonsense",
            e -> e.replace("CustomSMSSender_SignUp", "CustomSMSSender_Nonsense")),
        refusal("not a JSON object", InvalidEventException.class, "", e -> "[1,2,3]"),
        refusal(
            "truncated JSON",
            InvalidEventException.class,
            "",
            e -> e.substring(0, e.length() / 2)));
  }

  /**
   * Changes one base64 character in the middle of request.code: a flipped bit in the message body.
   */
  private static String tamper(String event) {
    Matcher m = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"").matcher(event);
    assertThat(m.find()).isTrue();
    int i = m.start(1) + m.group(1).length() / 2;
    char replacement = event.charAt(i) == 'A' ? 'B' : 'A';
    return event.substring(0, i) + replacement + event.substring(i + 1);
  }

  private static Arguments refusal(
      String name,
      Class<? extends RuntimeException> type,
      String message,
      UnaryOperator<String> mutation) {
    return Arguments.of(name, type, message, mutation);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void deliver_shouldRefuseAndSendNothing_whenInputIsBad(
      String name,
      Class<? extends RuntimeException> type,
      String message,
      UnaryOperator<String> mutation)
      throws Exception {
    // given
    String good = Events.encrypted(TriggerSource.SIGN_UP, TestSecrets.CODE);
    String event = mutation.apply(good);
    assertThat(event).isNotEqualTo(good);

    // when / then
    assertThatThrownBy(() -> deliver(event))
        .isInstanceOf(type)
        .hasMessageContaining(message)
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .doesNotContain(TestSecrets.CODE, phoneOf(good))
                    .doesNotContain("\n"));
    graph.verify(0, anyRequestedFor(anyUrl()));
    assertThat(logLines).hasSize(1);
    assertThat(JSON.std.mapFrom(logLines.get(0)))
        .containsEntry("outcome", "refused")
        .containsEntry("level", "ERROR");
  }

  @Test
  void deliver_shouldThrowWithTheFailure_whenWhatsAppRejectsTheRecipient() throws Exception {
    // given
    graph.stubFor(
        post(urlEqualTo(MESSAGES_PATH))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":{\"message\":\"(#131026) Message undeliverable\","
                            + "\"type\":\"OAuthException\",\"code\":131026,\"fbtrace_id\":\"Abc\"}}")));
    String event = Events.encrypted(TriggerSource.AUTHENTICATION, TestSecrets.CODE);

    // when / then
    assertThatThrownBy(() -> deliver(event))
        .isInstanceOf(DeliveryFailedException.class)
        .hasMessageContaining("RECIPIENT_UNREACHABLE")
        .hasMessageContaining("131026");
    graph.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
    assertThat(JSON.std.mapFrom(logLines.get(0)))
        .containsEntry("outcome", "failed")
        .containsEntry("errorCode", 131026)
        .containsEntry("failureKind", "RECIPIENT_UNREACHABLE");
  }

  @Test
  void handleRequest_shouldDeliver_whenCalledAsTheLambdaRuntimeDoes() throws Exception {
    // given
    byte[] event =
        Events.encrypted(TriggerSource.RESEND_CODE, TestSecrets.CODE)
            .getBytes(StandardCharsets.UTF_8);

    // when
    handler.handleRequest(
        new ByteArrayInputStream(event),
        new ByteArrayOutputStream(),
        new TestLambdaContext(10_000));

    // then
    graph.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
    assertThat(JSON.std.mapFrom(logLines.get(0)))
        .containsEntry("requestId", "11111111-2222-3333-4444-555555555555");
  }

  @Test
  void handleRequest_shouldThrowWithoutCause_whenTheEventIsBad() {
    // given
    byte[] event = "{\"request\":".getBytes(StandardCharsets.UTF_8);

    // when / then
    assertThatThrownBy(
            () ->
                handler.handleRequest(
                    new ByteArrayInputStream(event),
                    new ByteArrayOutputStream(),
                    new TestLambdaContext(10_000)))
        .isInstanceOf(InvalidEventException.class)
        .hasNoCause();
  }

  @Test
  void handleRequest_shouldRefuseBeforeParsing_whenTheEventIsOversized() throws Exception {
    // given
    byte[] event = new byte[300 * 1024];

    // when / then
    assertThatThrownBy(
            () ->
                handler.handleRequest(
                    new ByteArrayInputStream(event),
                    new ByteArrayOutputStream(),
                    new TestLambdaContext(10_000)))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("larger than");
    graph.verify(0, anyRequestedFor(anyUrl()));
    assertThat(logLines).hasSize(1);
    assertThat(JSON.std.mapFrom(logLines.get(0)))
        .containsEntry("level", "ERROR")
        .containsEntry("outcome", "refused")
        .containsEntry("reason", "event is larger than 262144 bytes")
        .containsEntry("requestId", "11111111-2222-3333-4444-555555555555");
  }

  @Test
  void handleRequest_shouldWriteOneRefusedLine_whenTheEventCannotBeRead() throws Exception {
    // given
    InputStream broken =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("connection to the runtime API reset");
          }

          @Override
          public int read(byte[] buffer, int offset, int length) throws IOException {
            return read();
          }
        };

    // when / then
    assertThatThrownBy(
            () ->
                handler.handleRequest(
                    broken, new ByteArrayOutputStream(), new TestLambdaContext(10_000)))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage("event could not be read (IOException)")
        .hasNoCause();
    assertThat(logLines).hasSize(1);
    assertThat(JSON.std.mapFrom(logLines.get(0)))
        .containsEntry("level", "ERROR")
        .containsEntry("outcome", "refused")
        .containsEntry("reason", "event could not be read (IOException)");
  }

  @Test
  void deliver_shouldLogAnErrorOutcomeAndRethrow_whenAJavaLangErrorEscapes() throws Exception {
    // given: a decryptor that runs out of memory
    SenderWiring wiring = SenderWiring.fromEnvironment(environment(graph.baseUrl()));
    OutOfMemoryError error = new OutOfMemoryError("Java heap space");
    CustomSmsSenderHandler failing =
        new CustomSmsSenderHandler(
            (code, pool, deadline) -> {
              throw error;
            },
            wiring.policy(),
            wiring.channel(),
            Optional.of(TestSecrets.USER_POOL_ID),
            logLines::add,
            Clock.systemUTC());

    // when / then
    assertThatThrownBy(
            () ->
                failing.deliver(
                    Events.encrypted(TriggerSource.SIGN_UP, TestSecrets.CODE)
                        .getBytes(StandardCharsets.UTF_8),
                    Instant.now().plusSeconds(10),
                    "req-1"))
        .isSameAs(error);
    assertThat(logLines).hasSize(1);
    assertThat(JSON.std.mapFrom(logLines.get(0)))
        .containsEntry("level", "ERROR")
        .containsEntry("outcome", "error")
        .hasEntrySatisfying(
            "reason",
            reason ->
                assertThat((String) reason)
                    .startsWith("unexpected java.lang.OutOfMemoryError at "));
    graph.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void constructor_shouldNameEveryBadVariable_whenConfigurationIsWrong() {
    // given
    Map<String, String> env = environment(graph.baseUrl());
    env.remove("WHATSAPP_PHONE_NUMBER_ID");
    env.put("WHATSAPP_MAX_ATTEMPTS", "0");

    // when / then
    assertThatThrownBy(() -> new CustomSmsSenderHandler(env, line -> {}))
        .isInstanceOf(SenderConfigurationException.class)
        .hasMessageContaining("WHATSAPP_PHONE_NUMBER_ID is not set")
        .hasMessageContaining("WHATSAPP_MAX_ATTEMPTS must be 1..5, was 0");
  }
}
