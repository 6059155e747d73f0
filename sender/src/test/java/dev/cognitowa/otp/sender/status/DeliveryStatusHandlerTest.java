package dev.cognitowa.otp.sender.status;

import static dev.cognitowa.otp.sender.status.StatusFixtures.failed;
import static dev.cognitowa.otp.sender.status.StatusFixtures.post;
import static dev.cognitowa.otp.sender.status.StatusFixtures.secret;
import static dev.cognitowa.otp.sender.status.StatusFixtures.sent;
import static dev.cognitowa.otp.sender.status.StatusFixtures.webhookBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitowa.otp.sender.conversion.DynamoDbVerificationLedger;
import dev.cognitowa.otp.sender.conversion.FunnelCounters;
import dev.cognitowa.otp.sender.conversion.SourceFamily;
import dev.cognitowa.otp.sender.conversion.VerificationLoop;
import dev.cognitowa.otp.sender.crypto.EncryptionSdkCodeDecryptor;
import dev.cognitowa.otp.sender.delivery.ChannelChain;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome.FailureKind;
import dev.cognitowa.otp.sender.delivery.MessageRef;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.idempotency.DeliveryLedgerUnavailableException;
import dev.cognitowa.otp.sender.limits.LimitSettings;
import dev.cognitowa.otp.sender.limits.NumberPseudonyms;
import dev.cognitowa.otp.sender.limits.SendLimiter;
import dev.cognitowa.otp.sender.status.StatusFixtures.ScriptedChannel;
import dev.cognitowa.otp.sender.status.StatusResult.Kind;
import dev.cognitowa.otp.sender.testutils.Dynalite;
import dev.cognitowa.otp.sender.testutils.MutableClock;
import dev.cognitowa.otp.sender.testutils.TestCiphertexts;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import dev.cognitowa.otp.sender.tracking.DynamoDbMessageLedger;
import dev.cognitowa.otp.sender.tracking.FallbackClaim;
import dev.cognitowa.otp.sender.tracking.MessageLedger;
import dev.cognitowa.otp.sender.tracking.TrackedMessage;
import dev.cognitowa.otp.sender.wiring.SenderWiring;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The status function end to end inside the JVM: real HMAC, the real Encryption SDK, the message
 * ledger through the real SDK on dynalite, and scripted channels in place of the providers.
 */
class DeliveryStatusHandlerTest {
  private static final String APP_SECRET = "test-app-secret-0123456789abcdef";
  private static final String VERIFY_TOKEN = "test-verify-token-42";
  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
  private static final Duration WINDOW = Duration.ofMinutes(5);
  private static final AtomicInteger IDS = new AtomicInteger();

  @RegisterExtension static Dynalite dynalite = new Dynalite();

  private final MutableClock clock = new MutableClock(START);
  private final List<String> logLines = new ArrayList<>();
  private final DynamoDbMessageLedger ledger =
      new DynamoDbMessageLedger(dynalite.client(), Dynalite.TABLE, WINDOW, clock);
  private final ScriptedChannel whatsapp = new ScriptedChannel("whatsapp");
  private final ScriptedChannel sms = new ScriptedChannel("sms", sent("sms", "sms-1"));
  private final String wamid =
      "wamid.HBgLMzUxOTEyMzQ1Njc4FQIAERgS" + IDS.incrementAndGet() + "AA==";

  private DeliveryStatusHandler handler(ScriptedChannel... later) {
    return handler(ledger, later);
  }

  private DeliveryStatusHandler handler(MessageLedger ledger, ScriptedChannel... later) {
    List<dev.cognitowa.otp.sender.delivery.MessageChannel> channels = new ArrayList<>();
    channels.add(whatsapp);
    channels.addAll(List.of(later.length == 0 ? new ScriptedChannel[] {sms} : later));
    StatusProcessor processor =
        new StatusProcessor(
            ledger,
            EncryptionSdkCodeDecryptor.rawAes(
                TestCiphertexts.localKey(),
                TestCiphertexts.LOCAL_KEY_NAMESPACE,
                TestCiphertexts.LOCAL_KEY_NAME),
            StatusFixtures.policy(),
            ChannelChain.of(channels),
            Optional.of(TestSecrets.USER_POOL_ID),
            clock);
    return new DeliveryStatusHandler(
        deadline -> WebhookSecrets.of(APP_SECRET, VERIFY_TOKEN), processor, logLines::add, clock);
  }

  private void track() {
    ledger.track(
        new TrackedMessage(
            MessageRef.of(wamid),
            TestCiphertexts.encrypt(TestSecrets.CODE, TestSecrets.USER_POOL_ID),
            TestSecrets.USER_POOL_ID,
            "user-1",
            TriggerSource.SIGN_UP,
            TestSecrets.PHONE,
            "whatsapp",
            0,
            clock.instant()),
        deadline());
  }

  private Instant deadline() {
    return clock.instant().plusSeconds(10);
  }

  private StatusResponse signed(DeliveryStatusHandler handler, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return handler
        .handle(post(bytes, WebhookSignature.headerFor(secret(APP_SECRET), bytes)), deadline(), "r")
        .response();
  }

  private Map<String, AttributeValue> item() {
    return dynalite.item(DynamoDbMessageLedger.key(MessageRef.of(wamid)));
  }

  @Test
  void handle_shouldSendTheSameCodeOnceByTheNextChannel_whenASignedFailedStatusArrivesInTime() {
    // given
    track();
    DeliveryStatusHandler handler = handler();
    clock.advance(Duration.ofSeconds(40));

    // when
    StatusResponse response = signed(handler, webhookBody(wamid, "failed", 131026));

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.results())
        .singleElement()
        .extracting(StatusResult::kind)
        .isEqualTo(Kind.FALLBACK_SENT);
    assertThat(sms.codesSent).containsExactly(TestSecrets.CODE);
    assertThat(whatsapp.sends()).isZero();
    assertThat(item().get("fallbackState").s()).isEqualTo("SENT");
    assertThat(item().get("fallbackChannel").s()).isEqualTo("sms");
    assertThat(item().get("fallbackMessageRef").s()).isEqualTo(MessageRef.of("sms-1"));
    assertThat(item()).doesNotContainKeys("ciphertext", "phoneNumber", "userName");
    assertThat(item().get("fallbackFrom").l())
        .extracting(AttributeValue::s)
        .containsExactly("whatsapp:131026");
    assertThat(String.join("\n", logLines))
        .contains("\"result\":\"FALLBACK_SENT\"", "\"fallbackFrom\":[\"whatsapp:131026\"]")
        .doesNotContain(wamid);
  }

  @Test
  void handle_shouldSendNothing_whenTheSameFailedStatusArrivesAgain() {
    // given
    track();
    DeliveryStatusHandler handler = handler();
    signed(handler, webhookBody(wamid, "failed", 131026));

    // when
    StatusResponse again = signed(handler, webhookBody(wamid, "failed", 131026));

    // then
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.results())
        .singleElement()
        .extracting(StatusResult::kind)
        .isEqualTo(Kind.ALREADY_HANDLED);
    assertThat(sms.sends()).isEqualTo(1);
  }

  @Test
  void handle_shouldSendExactlyOnce_whenEightCopiesOfTheFailedStatusArriveAtOnce()
      throws Exception {
    // given
    track();
    DeliveryStatusHandler handler = handler();
    byte[] body = webhookBody(wamid, "failed", 131026).getBytes(StandardCharsets.UTF_8);
    byte[] request = post(body, WebhookSignature.headerFor(secret(APP_SECRET), body));
    int copies = 8;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(copies);
    List<Future<StatusResponse>> answers = new ArrayList<>();

    // when
    try {
      for (int i = 0; i < copies; i++) {
        Callable<StatusResponse> call =
            () -> {
              go.await();
              return handler.handle(request, deadline(), "r").response();
            };
        answers.add(pool.submit(call));
      }
      go.countDown();
      List<Kind> kinds = new ArrayList<>();
      for (Future<StatusResponse> answer : answers) {
        kinds.add(answer.get(30, TimeUnit.SECONDS).results().get(0).kind());
      }

      // then
      assertThat(kinds).containsOnlyOnce(Kind.FALLBACK_SENT);
      assertThat(kinds).filteredOn(k -> k != Kind.FALLBACK_SENT).containsOnly(Kind.ALREADY_HANDLED);
      assertThat(sms.sends()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void handle_shouldNotSendAgain_whenFailedArrivesAfterDelivered() {
    // given: out of order, as Meta allows
    track();
    DeliveryStatusHandler handler = handler();
    signed(handler, webhookBody(wamid, "delivered", null));

    // when
    StatusResponse response = signed(handler, webhookBody(wamid, "failed", 131026));

    // then
    assertThat(response.results())
        .singleElement()
        .extracting(StatusResult::kind)
        .isEqualTo(Kind.AFTER_DELIVERY);
    assertThat(sms.sends()).isZero();
    assertThat(item()).containsKey("deliveredAt").doesNotContainKey("fallbackOwner");
  }

  @Test
  void handle_shouldNotSendAgain_whenFailedArrivesAfterReadWithoutDelivered() {
    // given: 'delivered' may be skipped when 'read' comes first
    track();
    DeliveryStatusHandler handler = handler();
    signed(handler, webhookBody(wamid, "read", null));

    // when
    StatusResponse response = signed(handler, webhookBody(wamid, "failed", 131026));

    // then
    assertThat(response.results())
        .singleElement()
        .extracting(StatusResult::kind)
        .isEqualTo(Kind.AFTER_DELIVERY);
    assertThat(sms.sends()).isZero();
  }

  @Test
  void handle_shouldRecordTheFirstDeliveredTime_whenDeliveredArrivesTwice() {
    // given
    track();
    DeliveryStatusHandler handler = handler();
    signed(handler, webhookBody(wamid, "delivered", null));
    String first = item().get("deliveredAt").n();

    // when
    StatusResponse again = signed(handler, webhookBody(wamid, "delivered", null));

    // then
    assertThat(again.results())
        .singleElement()
        .extracting(StatusResult::kind)
        .isEqualTo(Kind.RECORDED);
    assertThat(item().get("deliveredAt").n()).isEqualTo(first);
  }

  @Test
  void handle_shouldSendNothing_whenTheFailedStatusComesAfterTheWindow() {
    // given
    track();
    DeliveryStatusHandler handler = handler();
    clock.advance(WINDOW.plusSeconds(1));

    // when
    StatusResponse response = signed(handler, webhookBody(wamid, "failed", 131026));

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.results())
        .singleElement()
        .extracting(StatusResult::kind)
        .isEqualTo(Kind.WINDOW_PASSED);
    assertThat(sms.sends()).isZero();
  }

  @Test
  void handle_shouldAnswerOkAndCountIt_whenTheMessageIsNotInTheLedger() {
    // given: never tracked
    DeliveryStatusHandler handler = handler();

    // when
    StatusResponse failedStatus = signed(handler, webhookBody(wamid, "failed", 131026));
    StatusResponse deliveredStatus = signed(handler, webhookBody(wamid, "delivered", null));

    // then
    assertThat(failedStatus.statusCode()).isEqualTo(200);
    assertThat(failedStatus.results().get(0).kind()).isEqualTo(Kind.UNKNOWN);
    assertThat(deliveredStatus.results().get(0).kind()).isEqualTo(Kind.UNKNOWN);
    assertThat(item()).isEmpty();
    assertThat(sms.sends()).isZero();
  }

  @Test
  void handle_shouldGiveTheClaimBackAndAnswer500_whenTheNextChannelFailsTransiently() {
    // given
    track();
    ScriptedChannel flaky =
        new ScriptedChannel(
            "sms", failed("sms", FailureKind.TRANSIENT_EXHAUSTED), sent("sms", "sms-2"));
    DeliveryStatusHandler handler = handler(flaky);

    // when
    StatusResponse first = signed(handler, webhookBody(wamid, "failed", 131026));
    boolean claimHeldAfterFirst = item().containsKey("fallbackOwner");
    StatusResponse retried = signed(handler, webhookBody(wamid, "failed", 131026));
    StatusResponse third = signed(handler, webhookBody(wamid, "failed", 131026));

    // then: Meta's redelivery sends, once
    assertThat(first.statusCode()).isEqualTo(500);
    assertThat(first.results().get(0).kind()).isEqualTo(Kind.RETRY);
    assertThat(claimHeldAfterFirst).isFalse();
    assertThat(retried.statusCode()).isEqualTo(200);
    assertThat(retried.results().get(0).kind()).isEqualTo(Kind.FALLBACK_SENT);
    assertThat(third.results().get(0).kind()).isEqualTo(Kind.ALREADY_HANDLED);
    assertThat(flaky.sends()).isEqualTo(2);
  }

  @Test
  void handle_shouldSendNoSms_whenTheSendersAbuseLimitsRefuseTheFallback() {
    // given: the sender's limits allow SMS only to Germany; a fallback is a paid send too
    track();
    StatusProcessor limited =
        new StatusProcessor(
            ledger,
            EncryptionSdkCodeDecryptor.rawAes(
                TestCiphertexts.localKey(),
                TestCiphertexts.LOCAL_KEY_NAMESPACE,
                TestCiphertexts.LOCAL_KEY_NAME),
            StatusFixtures.policy(),
            ChannelChain.of(List.of(whatsapp, sms)),
            Optional.of(TestSecrets.USER_POOL_ID),
            Optional.of(
                new SendLimiter(
                    LimitSettings.fromEnvironment(Map.of("OTP_SMS_ALLOWED_COUNTRIES", "DE")),
                    Optional.empty(),
                    clock)),
            clock);
    DeliveryStatusHandler handler =
        new DeliveryStatusHandler(
            deadline -> WebhookSecrets.of(APP_SECRET, VERIFY_TOKEN), limited, logLines::add, clock);

    // when
    StatusResponse response = signed(handler, webhookBody(wamid, "failed", 131026));

    // then: nothing sent, the claim kept (a retry would be refused again)
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.results().get(0).kind()).isEqualTo(Kind.FALLBACK_FAILED);
    assertThat(sms.sends()).isZero();
    assertThat(item().get("fallbackState").s()).isEqualTo("FAILED");
  }

  /** The processor with the sender's verification loop on this test's table and clock. */
  private DeliveryStatusHandler withLoop(VerificationLoop loop) {
    StatusProcessor processor =
        new StatusProcessor(
            ledger,
            EncryptionSdkCodeDecryptor.rawAes(
                TestCiphertexts.localKey(),
                TestCiphertexts.LOCAL_KEY_NAMESPACE,
                TestCiphertexts.LOCAL_KEY_NAME),
            StatusFixtures.policy(),
            ChannelChain.of(List.of(whatsapp, sms)),
            Optional.of(TestSecrets.USER_POOL_ID),
            Optional.empty(),
            loop,
            clock);
    return new DeliveryStatusHandler(
        deadline -> WebhookSecrets.of(APP_SECRET, VERIFY_TOKEN), processor, logLines::add, clock);
  }

  private VerificationLoop loop() {
    return SenderWiring.verificationLoop(
        dynalite.client(), Dynalite.TABLE, Map.of(), NumberPseudonyms.unkeyed());
  }

  @Test
  void handle_shouldSendNoSms_whenTheConversionBreakerIsOpenForTheCountry() {
    // given: the breaker opened for SMS to this number's country (bucket of the wall clock,
    // as the loop's own clock is the system's)
    track();
    new FunnelCounters(dynalite.client(), Dynalite.TABLE, java.time.Clock.systemUTC())
        .verified("sms", "GG", java.time.Instant.now(), deadline()); // the bucket exists
    dynalite
        .client()
        .updateItem(
            r ->
                r.tableName(Dynalite.TABLE)
                    .key(
                        Map.of(
                            "id",
                            AttributeValue.builder()
                                .s(FunnelCounters.id("sms", "GG", java.time.Instant.now()))
                                .build()))
                    .updateExpression("SET openUntil = :u")
                    .expressionAttributeValues(
                        Map.of(
                            ":u",
                            AttributeValue.builder()
                                .n(
                                    Long.toString(
                                        java.time.Instant.now().plusSeconds(600).getEpochSecond()))
                                .build())));

    // when: WhatsApp reports the code failed
    StatusResponse response = signed(withLoop(loop()), webhookBody(wamid, "failed", 131026));

    // then: the pumped country gets no SMS from the status path either
    assertThat(response.results().get(0).kind()).isEqualTo(Kind.FALLBACK_FAILED);
    assertThat(sms.sends()).isZero();
  }

  @Test
  void handle_shouldMakeTheFallbackTheUsersLatestSend_whenItIsDelivered() {
    // given
    track();

    // when
    StatusResponse response = signed(withLoop(loop()), webhookBody(wamid, "failed", 131026));

    // then: a Post confirmation now credits the SMS that brought the code
    assertThat(response.results().get(0).kind()).isEqualTo(Kind.FALLBACK_SENT);
    assertThat(
            new DynamoDbVerificationLedger(
                    dynalite.client(),
                    Dynalite.TABLE,
                    NumberPseudonyms.unkeyed(),
                    java.time.Clock.systemUTC())
                .markVerified(
                    TestSecrets.USER_POOL_ID,
                    "user-1",
                    SourceFamily.SIGN_UP,
                    clock.instant().plusSeconds(30), // the processor's clock
                    java.time.Instant.now().plusSeconds(5))
                .orElseThrow()
                .send()
                .channel())
        .isEqualTo("sms");
  }

  @Test
  void handle_shouldKeepTheClaimAndAnswerOk_whenTheNextChannelRefusesForGood() {
    // given
    track();
    ScriptedChannel refusing =
        new ScriptedChannel("sms", failed("sms", FailureKind.RECIPIENT_UNREACHABLE));
    DeliveryStatusHandler handler = handler(refusing);

    // when
    StatusResponse first = signed(handler, webhookBody(wamid, "failed", 131026));
    StatusResponse again = signed(handler, webhookBody(wamid, "failed", 131026));

    // then
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.failed()).isTrue();
    assertThat(first.results().get(0).kind()).isEqualTo(Kind.FALLBACK_FAILED);
    assertThat(item().get("fallbackState").s()).isEqualTo("FAILED");
    assertThat(again.results().get(0).kind()).isEqualTo(Kind.ALREADY_HANDLED);
    assertThat(refusing.sends()).isEqualTo(1);
  }

  @Test
  void handle_shouldNotSendAgain_whenTheNextChannelsOutcomeIsUnknown() {
    // given: the code may be on the phone already
    track();
    ScriptedChannel unsure = new ScriptedChannel("sms", failed("sms", FailureKind.OUTCOME_UNKNOWN));
    DeliveryStatusHandler handler = handler(unsure);

    // when
    StatusResponse first = signed(handler, webhookBody(wamid, "failed", 131026));
    signed(handler, webhookBody(wamid, "failed", 131026));

    // then
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.results().get(0).kind()).isEqualTo(Kind.FALLBACK_FAILED);
    assertThat(unsure.sends()).isEqualTo(1);
  }

  @Test
  void handle_shouldIgnoreSentAndOtherFields_whenTheyNeedNothing() {
    // given
    track();
    DeliveryStatusHandler handler = handler();

    // when
    StatusResponse sentStatus = signed(handler, webhookBody(wamid, "sent", null));
    StatusResponse otherObject = signed(handler, "{\"object\":\"page\",\"entry\":[]}");

    // then
    assertThat(sentStatus.statusCode()).isEqualTo(200);
    assertThat(sentStatus.results().get(0).kind()).isEqualTo(Kind.IGNORED);
    assertThat(otherObject.statusCode()).isEqualTo(200);
    assertThat(otherObject.results()).isEmpty();
  }

  @Test
  void handle_shouldRefuseWith400_whenASignedBodyIsNotANotification() {
    // given
    DeliveryStatusHandler handler = handler();

    // when
    StatusResponse notJson = signed(handler, "not json");
    StatusResponse noObject = signed(handler, "{\"entry\":[]}");

    // then
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(noObject.statusCode()).isEqualTo(400);
  }

  @Test
  void handle_shouldSendByTheNextChannel_whenEndUserMessagingSocialPublishesAFailedStatus()
      throws Exception {
    // given
    track();
    DeliveryStatusHandler handler = handler();
    byte[] event = StatusFixtures.snsEvent(webhookBody(wamid, "failed", 131026));

    // when
    DeliveryStatusHandler.Handled handled = handler.handle(event, deadline(), "r");

    // then
    assertThat(handled.source()).isEqualTo(DeliveryStatusHandler.Source.SNS);
    assertThat(handled.response().statusCode()).isEqualTo(200);
    assertThat(handled.response().results())
        .singleElement()
        .extracting(StatusResult::kind)
        .isEqualTo(Kind.FALLBACK_SENT);
    assertThat(sms.codesSent).containsExactly(TestSecrets.CODE);
  }

  @Test
  void handle_shouldRefuseWithOneWarnLineAndSendNothing_whenTheSnsEventIsFromAnotherTopic()
      throws Exception {
    // given: a tracked message, and a failed status delivered from a topic that is not ours
    track();
    StatusProcessor processor =
        new StatusProcessor(
            ledger,
            EncryptionSdkCodeDecryptor.rawAes(
                TestCiphertexts.localKey(),
                TestCiphertexts.LOCAL_KEY_NAMESPACE,
                TestCiphertexts.LOCAL_KEY_NAME),
            StatusFixtures.policy(),
            ChannelChain.of(List.of(whatsapp, sms)),
            Optional.of(TestSecrets.USER_POOL_ID),
            clock);
    String ours = "arn:aws:sns:eu-west-1:123456789012:StatusEvents";
    DeliveryStatusHandler handler =
        new DeliveryStatusHandler(
            deadline -> WebhookSecrets.of(APP_SECRET, VERIFY_TOKEN),
            processor,
            new SnsSource(Optional.of(ours), Optional.empty()),
            logLines::add,
            clock);
    String failedStatus = webhookBody(wamid, "failed", 131026);

    // when
    DeliveryStatusHandler.Handled foreign =
        handler.handle(
            withTopic(StatusFixtures.snsEvent(failedStatus), ours + "-other"), deadline(), "r1");

    // then
    assertThat(foreign.response().statusCode()).isEqualTo(403);
    assertThat(foreign.response().reason()).contains("another topic");
    assertThat(logLines)
        .singleElement()
        .asString()
        .contains("\"level\":\"WARN\"", "\"outcome\":\"refused\"");
    assertThat(sms.codesSent).isEmpty();
    assertThat(item()).doesNotContainKey("lateFailure");

    // and when the same status comes from our own topic, it is handled
    DeliveryStatusHandler.Handled own =
        handler.handle(withTopic(StatusFixtures.snsEvent(failedStatus), ours), deadline(), "r2");
    assertThat(own.response().statusCode()).isEqualTo(200);
    assertThat(sms.codesSent).containsExactly(TestSecrets.CODE);
  }

  /** The SNS event with its one record's {@code Sns.TopicArn} set, as Lambda delivers it. */
  @SuppressWarnings("unchecked") // Json.read gives string-keyed maps
  private static byte[] withTopic(byte[] event, String topicArn) throws Exception {
    Map<String, Object> root =
        (Map<String, Object>) dev.cognitowa.otp.sender.support.Json.read(event);
    Map<String, Object> record = ((List<Map<String, Object>>) root.get("Records")).get(0);
    ((Map<String, Object>) record.get("Sns")).put("TopicArn", topicArn);
    return dev.cognitowa.otp.sender.support.Json.write(root).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void handle_shouldRefuse_whenAnSnsRecordIsNotAnEndUserMessagingSocialEvent() {
    // given
    byte[] event =
        "{\"Records\":[{\"EventSource\":\"aws:sns\",\"Sns\":{\"Message\":\"{\\\"hello\\\":1}\"}}]}"
            .getBytes(StandardCharsets.UTF_8);

    // when
    DeliveryStatusHandler.Handled handled = handler().handle(event, deadline(), "r");

    // then
    assertThat(handled.response().statusCode()).isEqualTo(400);
    assertThat(handled.response().reason()).contains("whatsAppWebhookEntry");
  }

  @Test
  void handle_shouldRefuse_whenTheEventIsNeitherAFunctionUrlRequestNorAnSnsEvent() {
    // when
    DeliveryStatusHandler.Handled handled =
        handler().handle("{\"hello\":1}".getBytes(StandardCharsets.UTF_8), deadline(), "r");
    DeliveryStatusHandler.Handled tooLarge = handler().handle(null, deadline(), "r");

    // then
    assertThat(handled.source()).isEqualTo(DeliveryStatusHandler.Source.UNKNOWN);
    assertThat(handled.response().statusCode()).isEqualTo(400);
    assertThat(tooLarge.response().statusCode()).isEqualTo(413);
  }

  @Test
  void handle_shouldKeepTheClaimWithoutSending_whenTheTrackedMessageIsFromAnotherPool() {
    // given: the ciphertext is bound to another pool than this function serves
    ledger.track(
        new TrackedMessage(
            MessageRef.of(wamid),
            TestCiphertexts.encrypt(TestSecrets.CODE, "eu-west-1_OTHER"),
            "eu-west-1_OTHER",
            "user-1",
            TriggerSource.SIGN_UP,
            TestSecrets.PHONE,
            "whatsapp",
            0,
            clock.instant()),
        deadline());

    // when
    StatusResponse response = signed(handler(), webhookBody(wamid, "failed", 131026));

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.results().get(0).kind()).isEqualTo(Kind.FALLBACK_FAILED);
    assertThat(response.results().get(0).reason()).contains("this function serves");
    assertThat(item().get("fallbackState").s()).isEqualTo("FAILED");
    assertThat(sms.sends()).isZero();
  }

  @Test
  void handle_shouldKeepTheClaimWithoutSending_whenTheCiphertextDoesNotAuthenticate() {
    // given
    String ciphertext = TestCiphertexts.encrypt(TestSecrets.CODE, TestSecrets.USER_POOL_ID);
    ledger.track(
        new TrackedMessage(
            MessageRef.of(wamid),
            ciphertext.substring(0, ciphertext.length() - 8) + "AAAAAAA=",
            TestSecrets.USER_POOL_ID,
            "user-1",
            TriggerSource.SIGN_UP,
            TestSecrets.PHONE,
            "whatsapp",
            0,
            clock.instant()),
        deadline());

    // when
    StatusResponse response = signed(handler(), webhookBody(wamid, "failed", 131026));

    // then
    assertThat(response.results().get(0).kind()).isEqualTo(Kind.FALLBACK_FAILED);
    assertThat(sms.sends()).isZero();
  }

  @Test
  void handle_shouldRecordAFailure_whenNoChannelIsLeftAfterTheOneThatSent() {
    // given: tracked under sms, the last channel (OTP_CHANNELS changed since)
    ledger.track(
        new TrackedMessage(
            MessageRef.of(wamid),
            TestCiphertexts.encrypt(TestSecrets.CODE, TestSecrets.USER_POOL_ID),
            TestSecrets.USER_POOL_ID,
            "user-1",
            TriggerSource.SIGN_UP,
            TestSecrets.PHONE,
            "sms",
            1,
            clock.instant()),
        deadline());

    // when
    StatusResponse response = signed(handler(), webhookBody(wamid, "failed", null));

    // then
    assertThat(response.results().get(0).kind()).isEqualTo(Kind.FALLBACK_FAILED);
    assertThat(response.results().get(0).fallback().fallbackFrom())
        .containsExactly("sms:RECIPIENT_UNREACHABLE");
    assertThat(item().get("fallbackFailureKind").s()).isEqualTo("CONFIGURATION");
    assertThat(sms.sends()).isZero();
  }

  @Test
  void handle_shouldAnswer500_whenTheLedgerCannotBeReached() throws Exception {
    // given: a ledger whose DynamoDB does not listen
    int port;
    try (ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    DynamoDbClient dead =
        DynamoDbClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + port))
            .region(Region.EU_WEST_1)
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .build();
    StatusProcessor processor =
        new StatusProcessor(
            new DynamoDbMessageLedger(dead, Dynalite.TABLE, WINDOW, clock),
            EncryptionSdkCodeDecryptor.rawAes(
                TestCiphertexts.localKey(),
                TestCiphertexts.LOCAL_KEY_NAMESPACE,
                TestCiphertexts.LOCAL_KEY_NAME),
            StatusFixtures.policy(),
            ChannelChain.of(List.of(whatsapp, sms)),
            Optional.empty(),
            clock);
    DeliveryStatusHandler handler =
        new DeliveryStatusHandler(
            deadline -> WebhookSecrets.of(APP_SECRET, VERIFY_TOKEN),
            processor,
            logLines::add,
            clock);

    // when
    StatusResponse failedStatus = signed(handler, webhookBody(wamid, "failed", 131026));
    StatusResponse readStatus = signed(handler, webhookBody(wamid, "read", null));

    // then: Meta delivers both again later
    assertThat(failedStatus.statusCode()).isEqualTo(500);
    assertThat(failedStatus.results().get(0).kind()).isEqualTo(Kind.RETRY);
    assertThat(failedStatus.results().get(0).reason()).startsWith("message ledger unavailable");
    assertThat(readStatus.statusCode()).isEqualTo(500);
    assertThat(sms.sends()).isZero();
    dead.close();
  }

  @Test
  void toString_shouldShowNeitherTheMessageIdNorTheNumber_whenAStatusOrATrackedMessageIsLogged() {
    // given
    StatusUpdate update = new StatusUpdate(MessageRef.of(wamid), "failed", START, 131026);
    TrackedMessage message =
        new TrackedMessage(
            MessageRef.of(wamid),
            "AYADeCIPHERTEXT",
            TestSecrets.USER_POOL_ID,
            "user-1",
            TriggerSource.SIGN_UP,
            TestSecrets.PHONE,
            "whatsapp",
            0,
            START);

    // when
    String logged = update + " " + message;

    // then
    assertThat(logged)
        .contains(MessageRef.of(wamid), "failed:131026", "+********3456")
        .doesNotContain(wamid)
        .doesNotContain("AYADeCIPHERTEXT");
  }

  @Test
  void handle_shouldKeepAWhatsAppFallbacksIdOnlyAsItsReference_whenTheNextChannelIsWhatsApp() {
    // given: whatsapp, then whatsapp-eum, which answers with a wamid too
    track();
    String second = wamid + "-eum";
    ScriptedChannel eum = new ScriptedChannel("whatsapp-eum", sent("whatsapp-eum", second));

    // when
    signed(handler(eum), webhookBody(wamid, "failed", 131026));

    // then
    assertThat(item().get("fallbackMessageRef").s()).isEqualTo(MessageRef.of(second));
    assertThat(item().toString()).doesNotContain(second);
  }

  @Test
  void handle_shouldSendAgainInTheFirstMessagesLanguage_whenTheTrackedMessageNamesOne() {
    // given: the first message went out in Brazilian Portuguese
    ledger.track(
        new TrackedMessage(
            MessageRef.of(wamid),
            TestCiphertexts.encrypt(TestSecrets.CODE, TestSecrets.USER_POOL_ID),
            TestSecrets.USER_POOL_ID,
            "user-1",
            TriggerSource.SIGN_UP,
            TestSecrets.PHONE,
            "whatsapp",
            0,
            clock.instant(),
            "app-client-1",
            "pt_BR"),
        deadline());
    StatusProcessor processor =
        new StatusProcessor(
            ledger,
            EncryptionSdkCodeDecryptor.rawAes(
                TestCiphertexts.localKey(),
                TestCiphertexts.LOCAL_KEY_NAMESPACE,
                TestCiphertexts.LOCAL_KEY_NAME),
            StatusFixtures.bilingualPolicy(),
            ChannelChain.of(List.of(whatsapp, sms)),
            Optional.empty(),
            clock);
    DeliveryStatusHandler handler =
        new DeliveryStatusHandler(
            deadline -> WebhookSecrets.of(APP_SECRET, VERIFY_TOKEN),
            processor,
            logLines::add,
            clock);

    // when
    signed(handler, webhookBody(wamid, "failed", 131026));

    // then
    assertThat(sms.languagesSent).containsExactly("pt_BR");
    assertThat(item().get("appClientId").s()).isEqualTo("app-client-1");
  }

  /** The ledger on dynalite, but its fallback records are lost (throttled, say). */
  private MessageLedger losingFallbackRecords() {
    return new MessageLedgerDelegate(ledger) {
      @Override
      public boolean recordFallback(FallbackClaim.Claimed claim, DeliveryOutcome outcome) {
        throw new DeliveryLedgerUnavailableException("message ledger: throttled");
      }
    };
  }

  /** Every call passed to {@code delegate}; a test overrides the one it breaks. */
  private static class MessageLedgerDelegate implements MessageLedger {
    private final MessageLedger delegate;

    MessageLedgerDelegate(MessageLedger delegate) {
      this.delegate = delegate;
    }

    @Override
    public Duration window() {
      return delegate.window();
    }

    @Override
    public void track(TrackedMessage message, Instant deadline) {
      delegate.track(message, deadline);
    }

    @Override
    public boolean recordStatus(String messageRef, StatusKind status, Instant at) {
      return delegate.recordStatus(messageRef, status, at);
    }

    @Override
    public FallbackClaim claimFallback(String messageRef, String failure, Instant leaseUntil) {
      return delegate.claimFallback(messageRef, failure, leaseUntil);
    }

    @Override
    public boolean markSending(FallbackClaim.Claimed claim) {
      return delegate.markSending(claim);
    }

    @Override
    public boolean recordFallback(FallbackClaim.Claimed claim, DeliveryOutcome outcome) {
      return delegate.recordFallback(claim, outcome);
    }

    @Override
    public boolean releaseFallback(FallbackClaim.Claimed claim) {
      return delegate.releaseFallback(claim);
    }
  }

  @Test
  void handle_shouldNeverSendTheFallbackAgain_whenItsRecordWasLostAndTheLeaseEnded() {
    // given: the SMS went out, its record was throttled away, the claim's lease has ended
    track();
    StatusResponse first =
        signed(handler(losingFallbackRecords()), webhookBody(wamid, "failed", 131026));
    assertThat(first.results()).extracting(StatusResult::kind).containsExactly(Kind.FALLBACK_SENT);
    clock.advance(Duration.ofMinutes(1));

    // when: Meta (or SNS) delivers the same failed status again
    StatusResponse again = signed(handler(), webhookBody(wamid, "failed", 131026));

    // then
    assertThat(again.results())
        .extracting(StatusResult::kind)
        .containsExactly(Kind.ALREADY_HANDLED);
    assertThat(sms.sends()).isOne();
    assertThat(item().get("fallbackState").s()).isEqualTo("SENDING");
  }

  @Test
  void handle_shouldSendTheFallback_whenAnEarlierHolderDiedBeforeSending() {
    // given: an invocation claimed the fallback and died before marking its send
    track();
    assertThat(
            ledger.claimFallback(MessageRef.of(wamid), "131026", clock.instant().plusSeconds(10)))
        .isInstanceOf(FallbackClaim.Claimed.class);
    clock.advance(Duration.ofSeconds(30));

    // when
    StatusResponse response = signed(handler(), webhookBody(wamid, "failed", 131026));

    // then
    assertThat(response.results())
        .extracting(StatusResult::kind)
        .containsExactly(Kind.FALLBACK_SENT);
    assertThat(sms.sends()).isOne();
  }

  @Test
  void handle_shouldGiveTheClaimBack_whenMarkingTheSendFails() {
    // given: the ledger takes the claim, then cannot record that the send begins
    track();
    MessageLedger unmarkable =
        new MessageLedgerDelegate(ledger) {
          @Override
          public boolean markSending(FallbackClaim.Claimed claim) {
            throw new DeliveryLedgerUnavailableException("message ledger: throttled");
          }
        };

    // when
    StatusResponse response = signed(handler(unmarkable), webhookBody(wamid, "failed", 131026));

    // then: nothing sent, and the next copy of the status may claim again
    assertThat(response.results()).extracting(StatusResult::kind).containsExactly(Kind.RETRY);
    assertThat(sms.sends()).isZero();
    assertThat(item()).doesNotContainKey("fallbackOwner");
  }

  @Test
  void handle_shouldForgetTheNumberCiphertextAndUser_whenDeliveredIsRecorded() {
    // given
    track();
    assertThat(item()).containsKeys("ciphertext", "phoneNumber", "userName");

    // when
    signed(handler(), webhookBody(wamid, "delivered", null));

    // then
    assertThat(item())
        .containsKeys("deliveredAt", "sentAt", "channel")
        .doesNotContainKeys("ciphertext", "phoneNumber", "userName");
  }

  @Test
  void handle_shouldForgetTheNumberCiphertextAndUser_whenAFailedStatusComesAfterTheWindow() {
    // given
    track();
    clock.advance(WINDOW.plusSeconds(1));

    // when
    StatusResponse response = signed(handler(), webhookBody(wamid, "failed", 131026));

    // then
    assertThat(response.results())
        .extracting(StatusResult::kind)
        .containsExactly(Kind.WINDOW_PASSED);
    assertThat(sms.sends()).isZero();
    assertThat(item())
        .containsKey("sentAt")
        .doesNotContainKeys("ciphertext", "phoneNumber", "userName");
  }
}
