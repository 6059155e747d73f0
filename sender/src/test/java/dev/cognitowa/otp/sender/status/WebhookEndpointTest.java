package dev.cognitowa.otp.sender.status;

import static dev.cognitowa.otp.sender.status.StatusFixtures.failed;
import static dev.cognitowa.otp.sender.status.StatusFixtures.post;
import static dev.cognitowa.otp.sender.status.StatusFixtures.secret;
import static dev.cognitowa.otp.sender.status.StatusFixtures.sent;
import static dev.cognitowa.otp.sender.status.StatusFixtures.webhookBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitowa.otp.sender.crypto.EncryptionSdkCodeDecryptor;
import dev.cognitowa.otp.sender.delivery.ChannelChain;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome.FailureKind;
import dev.cognitowa.otp.sender.delivery.MessageRef;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.status.StatusFixtures.ScriptedChannel;
import dev.cognitowa.otp.sender.support.Json;
import dev.cognitowa.otp.sender.testutils.Dynalite;
import dev.cognitowa.otp.sender.testutils.MutableClock;
import dev.cognitowa.otp.sender.testutils.TestCiphertexts;
import dev.cognitowa.otp.sender.testutils.TestLambdaContext;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import dev.cognitowa.otp.sender.tracking.DynamoDbMessageLedger;
import dev.cognitowa.otp.sender.tracking.TrackedMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The function URL side: Meta's signature on every POST (anything unsigned or wrongly signed is
 * refused and changes nothing), the subscription check, and the Lambda's stream answer.
 */
class WebhookEndpointTest {
  private static final String APP_SECRET = "test-app-secret-0123456789abcdef";
  private static final String WRONG_SECRET = "another-app-secret-fedcba9876543210";
  private static final String VERIFY_TOKEN = "test-verify-token-42";
  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
  private static final String WAMID =
      "wamid.HBgLMzUxOTEyMzQ1Njc4FQIAERgSQUJDREVGMDEyMzQ1Njc4OUFCAA==";

  @RegisterExtension static Dynalite dynalite = new Dynalite();

  private final MutableClock clock = new MutableClock(START);
  private final List<String> logLines = new ArrayList<>();
  private final DynamoDbMessageLedger ledger =
      new DynamoDbMessageLedger(dynalite.client(), Dynalite.TABLE, Duration.ofMinutes(5), clock);
  private final ScriptedChannel sms = new ScriptedChannel("sms", sent("sms", "sms-1"));

  private DeliveryStatusHandler handler(WebhookSecrets secrets, ScriptedChannel next) {
    StatusProcessor processor =
        new StatusProcessor(
            ledger,
            EncryptionSdkCodeDecryptor.rawAes(
                TestCiphertexts.localKey(),
                TestCiphertexts.LOCAL_KEY_NAMESPACE,
                TestCiphertexts.LOCAL_KEY_NAME),
            StatusFixtures.policy(),
            ChannelChain.of(List.of(new ScriptedChannel("whatsapp"), next)),
            Optional.empty(),
            clock);
    return new DeliveryStatusHandler(deadline -> secrets, processor, logLines::add, clock);
  }

  private DeliveryStatusHandler handler() {
    return handler(WebhookSecrets.of(APP_SECRET, VERIFY_TOKEN), sms);
  }

  private void track(String messageId) {
    ledger.track(
        new TrackedMessage(
            MessageRef.of(messageId),
            TestCiphertexts.encrypt(TestSecrets.CODE, TestSecrets.USER_POOL_ID),
            TestSecrets.USER_POOL_ID,
            "user-1",
            TriggerSource.AUTHENTICATION,
            TestSecrets.PHONE,
            "whatsapp",
            0,
            clock.instant()),
        clock.instant().plusSeconds(5));
  }

  private StatusResponse handle(DeliveryStatusHandler handler, byte[] request) {
    return handler.handle(request, clock.instant().plusSeconds(10), "r").response();
  }

  static Stream<Arguments> signatures() {
    byte[] body = webhookBody(WAMID, "failed", 131026).getBytes(StandardCharsets.UTF_8);
    String good = WebhookSignature.headerFor(secret(APP_SECRET), body);
    byte[] changed = body.clone();
    changed[changed.length / 2] ^= 0x01; // one byte of the replayed body
    byte[] oversized = Arrays.copyOf(body, WebhookEndpoint.MAX_BODY_BYTES + 1);
    Arrays.fill(oversized, body.length, oversized.length, (byte) ' ');
    return Stream.of(
        Arguments.of("valid", post(body, good), 200),
        Arguments.of(
            "wrong secret",
            post(body, WebhookSignature.headerFor(secret(WRONG_SECRET), body)),
            401),
        Arguments.of("missing header", post(body, null), 401),
        Arguments.of("replayed body with one byte changed", post(changed, good), 401),
        Arguments.of(
            "oversized, though signed",
            post(oversized, WebhookSignature.headerFor(secret(APP_SECRET), oversized)),
            413),
        Arguments.of("malformed: no sha256= prefix", post(body, good.substring(7)), 401),
        Arguments.of("malformed: sha1", post(body, "sha1=" + good.substring(7)), 401),
        Arguments.of("malformed: not hex", post(body, "sha256=" + "g".repeat(64)), 401),
        Arguments.of("malformed: too short", post(body, good.substring(0, 40)), 401),
        Arguments.of("malformed: empty", post(body, ""), 401));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signatures")
  void handle_shouldActOnlyOnAValidSignature_whenAFailedStatusIsPosted(
      String name, byte[] request, int expectedStatus) {
    // given: tracked afresh (a put replaces the item, and any claim of an earlier case)
    track(WAMID);
    DeliveryStatusHandler handler = handler();

    // when
    StatusResponse response = handle(handler, request);

    // then
    assertThat(response.statusCode()).isEqualTo(expectedStatus);
    if (expectedStatus == 200) {
      assertThat(sms.codesSent).containsExactly(TestSecrets.CODE);
    } else {
      assertThat(response.results()).isEmpty();
      assertThat(sms.sends()).isZero();
      assertThat(dynalite.item(DynamoDbMessageLedger.key(MessageRef.of(WAMID))))
          .containsKey("sentAt")
          .doesNotContainKeys("fallbackOwner", "lateFailure");
    }
  }

  @Test
  void handle_shouldRefuseEveryPostAndSayItOnce_whenTheAppSecretIsThePlaceholder() {
    // given
    DeliveryStatusHandler handler = handler(WebhookSecrets.of("REPLACE_ME", VERIFY_TOKEN), sms);
    byte[] body = webhookBody(WAMID, "failed", 131026).getBytes(StandardCharsets.UTF_8);
    byte[] request = post(body, WebhookSignature.headerFor(secret("REPLACE_ME"), body));

    // when
    StatusResponse first = handle(handler, request);
    StatusResponse second = handle(handler, request);

    // then
    assertThat(first.statusCode()).isEqualTo(401);
    assertThat(second.statusCode()).isEqualTo(401);
    assertThat(logLines)
        .filteredOn(line -> line.contains("\"outcome\":\"configuration\""))
        .singleElement()
        .asString()
        .contains("\"level\":\"ERROR\"", "app secret is not configured");
    assertThat(sms.sends()).isZero();
  }

  static Stream<Arguments> subscriptionChecks() {
    return Stream.of(
        Arguments.of(
            "right token",
            Map.of(
                "hub.mode", "subscribe",
                "hub.verify_token", VERIFY_TOKEN,
                "hub.challenge", "1158201444"),
            200),
        Arguments.of(
            "wrong token",
            Map.of(
                "hub.mode", "subscribe",
                "hub.verify_token", VERIFY_TOKEN + "x",
                "hub.challenge", "1158201444"),
            403),
        Arguments.of(
            "wrong mode",
            Map.of(
                "hub.mode", "unsubscribe",
                "hub.verify_token", VERIFY_TOKEN,
                "hub.challenge", "1158201444"),
            403),
        Arguments.of(
            "no token", Map.of("hub.mode", "subscribe", "hub.challenge", "1158201444"), 403),
        Arguments.of(
            "challenge not plain",
            Map.of(
                "hub.mode", "subscribe",
                "hub.verify_token", VERIFY_TOKEN,
                "hub.challenge", "<script>alert(1)</script>"),
            403),
        Arguments.of(
            "challenge too long",
            Map.of(
                "hub.mode",
                "subscribe",
                "hub.verify_token",
                VERIFY_TOKEN,
                "hub.challenge",
                "1".repeat(129)),
            403));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("subscriptionChecks")
  void handle_shouldEchoTheChallengeOnlyForTheVerifyToken_whenMetaChecksTheSubscription(
      String name, Map<String, String> query, int expectedStatus) {
    // when
    StatusResponse response = handle(handler(), StatusFixtures.get(query));

    // then
    assertThat(response.statusCode()).isEqualTo(expectedStatus);
    if (expectedStatus == 200) {
      assertThat(response.body()).isEqualTo("1158201444");
    } else {
      assertThat(response.body()).doesNotContain(VERIFY_TOKEN);
    }
  }

  @Test
  void handle_shouldRefuseTheSubscriptionCheck_whenTheSecretHoldsNoVerifyToken() {
    // given: a plain-string secret is the app secret alone
    DeliveryStatusHandler handler = handler(WebhookSecrets.of(APP_SECRET, null), sms);

    // when
    StatusResponse response =
        handle(
            handler,
            StatusFixtures.get(
                Map.of(
                    "hub.mode", "subscribe",
                    "hub.verify_token", VERIFY_TOKEN,
                    "hub.challenge", "1158201444")));

    // then
    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void handle_shouldAnswer405_whenTheMethodIsNeitherGetNorPost() {
    // given
    byte[] request =
        Json.write(
                Map.of(
                    "requestContext",
                    Map.of("http", Map.of("method", "PUT")),
                    "body",
                    "{}",
                    "isBase64Encoded",
                    false))
            .getBytes(StandardCharsets.UTF_8);

    // when
    StatusResponse response = handle(handler(), request);

    // then
    assertThat(response.statusCode()).isEqualTo(405);
  }

  @Test
  void handleRequest_shouldWriteAFunctionUrlResponse_whenMetaPostsAStatus() throws Exception {
    // given
    track(WAMID + "-stream");
    byte[] body =
        webhookBody(WAMID + "-stream", "delivered", null).getBytes(StandardCharsets.UTF_8);
    byte[] request = post(body, WebhookSignature.headerFor(secret(APP_SECRET), body));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    // when
    handler().handleRequest(new ByteArrayInputStream(request), out, new TestLambdaContext(10_000));

    // then
    assertThat(Json.read(out.toByteArray()))
        .isEqualTo(
            Map.of(
                "statusCode", 200, "headers", Map.of("content-type", "text/plain"), "body", "ok"));
    assertThat(logLines)
        .singleElement()
        .asString()
        .contains("\"message\":\"otp delivery status\"", "\"result\":\"RECORDED\"")
        .doesNotContain(WAMID);
  }

  @Test
  void handleRequest_shouldFailTheInvocation_whenAnSnsStatusWantsAnotherDelivery()
      throws Exception {
    // given: SNS invokes asynchronously, so only a failed invocation is delivered again
    track(WAMID + "-sns");
    ScriptedChannel flaky =
        new ScriptedChannel("sms", failed("sms", FailureKind.TRANSIENT_EXHAUSTED));
    byte[] event = StatusFixtures.snsEvent(webhookBody(WAMID + "-sns", "failed", 131026));

    // when / then
    assertThatThrownBy(
            () ->
                handler(WebhookSecrets.of(APP_SECRET, VERIFY_TOKEN), flaky)
                    .handleRequest(
                        new ByteArrayInputStream(event),
                        new ByteArrayOutputStream(),
                        new TestLambdaContext(10_000)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("deliver it again");
    assertThat(dynalite.item(DynamoDbMessageLedger.key(MessageRef.of(WAMID + "-sns"))))
        .doesNotContainKey("fallbackOwner");
  }

  @Test
  void handle_shouldCheckTheSignatureOverTheText_whenTheBodyIsNotBase64Encoded() {
    // given: a function URL passes a text body as it is
    track(WAMID);
    String body = webhookBody(WAMID, "read", null);
    String signature =
        WebhookSignature.headerFor(secret(APP_SECRET), body.getBytes(StandardCharsets.UTF_8));
    byte[] request =
        Json.write(
                Map.of(
                    "requestContext",
                    Map.of("http", Map.of("method", "POST")),
                    "headers",
                    Map.of("X-Hub-Signature-256", signature),
                    "body",
                    body,
                    "isBase64Encoded",
                    false))
            .getBytes(StandardCharsets.UTF_8);
    byte[] notBase64 =
        Json.write(
                Map.of(
                    "requestContext",
                    Map.of("http", Map.of("method", "POST")),
                    "headers",
                    Map.of("x-hub-signature-256", signature),
                    "body",
                    "%%% not base64 %%%",
                    "isBase64Encoded",
                    true))
            .getBytes(StandardCharsets.UTF_8);

    // when
    StatusResponse text = handle(handler(), request);
    StatusResponse garbled = handle(handler(), notBase64);

    // then
    assertThat(text.statusCode()).isEqualTo(200);
    assertThat(text.results())
        .singleElement()
        .extracting(StatusResult::kind)
        .isEqualTo(StatusResult.Kind.RECORDED);
    assertThat(garbled.statusCode()).isEqualTo(401);
  }

  @Test
  void handle_shouldAnswer500_whenTheSecretsCannotBeRead() {
    // given
    DeliveryStatusHandler handler =
        new DeliveryStatusHandler(
            deadline -> {
              throw new WebhookSecretException("cannot read secret whatsapp-webhook (test)");
            },
            new StatusProcessor(
                ledger, null, StatusFixtures.policy(), sms, Optional.empty(), clock),
            logLines::add,
            clock);
    byte[] body = webhookBody(WAMID, "read", null).getBytes(StandardCharsets.UTF_8);

    // when
    StatusResponse postAnswer =
        handle(handler, post(body, WebhookSignature.headerFor(secret(APP_SECRET), body)));
    StatusResponse getAnswer = handle(handler, StatusFixtures.get(Map.of("hub.mode", "subscribe")));

    // then: a redelivery may find Secrets Manager back
    assertThat(postAnswer.statusCode()).isEqualTo(500);
    assertThat(getAnswer.statusCode()).isEqualTo(500);
    assertThat(postAnswer.reason()).contains("whatsapp-webhook");
  }
}
