package dev.cognitowa.otp.sender.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome.FailureKind;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.testutils.MutableClock;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import dev.cognitowa.otp.sender.wiring.AwsClients;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The real SDK client (AWS JSON 1.0) against a loopback stand-in of End User Messaging SMS. */
class EndUserMessagingSmsChannelTest {
  private static final String TARGET = "PinpointSMSVoiceV2.SendTextMessage";
  private static final String POOL = "pool-0123456789abcdef0123456789abcdef";

  @RegisterExtension
  static WireMockExtension aws =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  /**
   * The first request of a cold JVM loads most of the SDK and may outlast the 2 s attempt timeout
   * on a busy machine; one request before the tests keeps that out of their attempt counts.
   */
  @BeforeAll
  static void warmUp() {
    answer(200, "{\"MessageId\":\"warm-up\"}");
    EndUserMessagingSmsChannelTest test = new EndUserMessagingSmsChannelTest();
    assertThat(
            test.channel(3)
                .deliver(
                    SmsMessages.code(TriggerSource.SIGN_UP), test.clock.instant().plusSeconds(30)))
        .isInstanceOf(DeliveryOutcome.Delivered.class);
    aws.resetAll();
  }

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
  private final List<Duration> sleeps = new ArrayList<>();

  private EndUserMessagingSmsChannel channel(
      int maxAttempts, Optional<String> pool, Optional<String> configSet) {
    Map<String, String> env =
        Map.of(
            "AWS_REGION",
            "eu-west-1",
            "AWS_ACCESS_KEY_ID",
            "AKIDTEST",
            "AWS_SECRET_ACCESS_KEY",
            "test-secret-key",
            "AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2",
            aws.baseUrl());
    SmsSettings settings =
        new SmsSettings(pool, configSet, maxAttempts, SmsTextPolicy.fromEnvironment(Map.of()));
    return new EndUserMessagingSmsChannel(
        new AwsClients(env).pinpointSmsVoiceV2(),
        settings,
        clock,
        d -> {
          sleeps.add(d);
          clock.advance(d);
        },
        () -> 0.5);
  }

  private EndUserMessagingSmsChannel channel(int maxAttempts) {
    return channel(maxAttempts, Optional.empty(), Optional.empty());
  }

  private static void answer(int status, String body) {
    aws.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo(TARGET))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/x-amz-json-1.0")
                    .withBody(body)));
  }

  private static String error(String type, String extra) {
    return "{\"__type\":\""
        + type
        + "\",\"Message\":\"refused "
        + TestSecrets.PHONE
        + "\""
        + extra
        + "}";
  }

  @Test
  void deliver_shouldSendATransactionalTextFromThePool_whenAccepted() {
    // given
    answer(200, "{\"MessageId\":\"sms-msg-1\"}");

    // when
    DeliveryOutcome outcome =
        channel(3, Optional.of(POOL), Optional.of("otp-events"))
            .deliver(
                SmsMessages.code(TriggerSource.AUTHENTICATION), clock.instant().plusSeconds(10));

    // then
    assertThat(outcome).isEqualTo(DeliveryOutcome.Delivered.accepted("sms", "sms-msg-1", 1));
    aws.verify(
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo(TARGET))
            .withHeader("Content-Type", containing("application/x-amz-json-1.0"))
            .withHeader("Authorization", containing("AWS4-HMAC-SHA256"))
            .withHeader("Authorization", containing("/eu-west-1/sms-voice/aws4_request"))
            .withRequestBody(
                equalToJson(
                    "{\"DestinationPhoneNumber\":\""
                        + TestSecrets.PHONE
                        + "\","
                        + "\"OriginationIdentity\":\""
                        + POOL
                        + "\",\"MessageBody\":\"Your sign-in code is "
                        + TestSecrets.CODE
                        + "\",\"MessageType\":\"TRANSACTIONAL\",\"ConfigurationSetName\":\"otp-events\"}")));
  }

  @Test
  void deliver_shouldLeaveOutPoolAndConfigurationSet_whenNotConfigured() {
    // given
    answer(200, "{\"MessageId\":\"sms-msg-2\"}");

    // when
    DeliveryOutcome outcome =
        channel(3).deliver(SmsMessages.temporaryPassword(), clock.instant().plusSeconds(10));

    // then
    assertThat(outcome).isEqualTo(DeliveryOutcome.Delivered.accepted("sms", "sms-msg-2", 1));
    aws.verify(
        postRequestedFor(urlEqualTo("/"))
            .withRequestBody(
                equalToJson(
                    "{\"DestinationPhoneNumber\":\""
                        + TestSecrets.PHONE
                        + "\",\"MessageBody\":\"Hi "
                        + SmsMessages.USER_NAME
                        + ", your temporary password is "
                        + TestSecrets.TEMPORARY_PASSWORD.replace("<", "\\u003c")
                        + "\",\"MessageType\":\"TRANSACTIONAL\"}")));
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of(
            "opted out",
            400,
            error(
                "ConflictException",
                ",\"Reason\":\"DESTINATION_PHONE_NUMBER_OPTED_OUT\",\"ResourceType\":\"opted-out-number\""),
            FailureKind.RECIPIENT_UNREACHABLE,
            "ConflictException DESTINATION_PHONE_NUMBER_OPTED_OUT"),
        Arguments.of(
            "no origination identity",
            400,
            error("ConflictException", ",\"Reason\":\"NO_ORIGINATION_IDENTITIES_FOUND\""),
            FailureKind.CONFIGURATION,
            "ConflictException NO_ORIGINATION_IDENTITIES_FOUND"),
        Arguments.of(
            "bad destination field",
            400,
            error(
                "ValidationException",
                ",\"Reason\":\"FIELD_VALIDATION_FAILED\","
                    + "\"Fields\":[{\"Name\":\"DestinationPhoneNumber\",\"Message\":\"bad\"}]"),
            FailureKind.RECIPIENT_UNREACHABLE,
            "ValidationException FIELD_VALIDATION_FAILED DestinationPhoneNumber"),
        Arguments.of(
            "country blocked",
            400,
            error("ValidationException", ",\"Reason\":\"DESTINATION_COUNTRY_BLOCKED\""),
            FailureKind.RECIPIENT_UNREACHABLE,
            "ValidationException DESTINATION_COUNTRY_BLOCKED"),
        Arguments.of(
            "sender id unregistered",
            400,
            error("ValidationException", ",\"Reason\":\"SENDER_ID_NOT_REGISTERED\""),
            FailureKind.CONFIGURATION,
            "ValidationException SENDER_ID_NOT_REGISTERED"),
        Arguments.of(
            "other validation",
            400,
            error("ValidationException", ",\"Reason\":\"MAXIMUM_SIZE_EXCEEDED\""),
            FailureKind.REJECTED,
            "ValidationException MAXIMUM_SIZE_EXCEEDED"),
        Arguments.of(
            "access denied",
            400,
            error("AccessDeniedException", ",\"Reason\":\"ACCOUNT_DISABLED\""),
            FailureKind.CONFIGURATION,
            "AccessDeniedException ACCOUNT_DISABLED"),
        Arguments.of(
            "unknown pool",
            400,
            error("ResourceNotFoundException", ",\"ResourceType\":\"pool\""),
            FailureKind.CONFIGURATION,
            "ResourceNotFoundException pool"),
        Arguments.of(
            "spend limit",
            400,
            error(
                "ServiceQuotaExceededException",
                ",\"Reason\":\"MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT\""),
            FailureKind.CONFIGURATION,
            "ServiceQuotaExceededException MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT"),
        Arguments.of(
            "bad signature",
            403,
            error("InvalidSignatureException", ""),
            FailureKind.CONFIGURATION,
            "InvalidSignatureException"),
        Arguments.of(
            "other 4xx",
            400,
            error("SomethingNewException", ""),
            FailureKind.REJECTED,
            "SomethingNewException"),
        Arguments.of(
            "throttled",
            400,
            error("ThrottlingException", ""),
            FailureKind.TRANSIENT_EXHAUSTED,
            "ThrottlingException"),
        Arguments.of("429 without code", 429, "", FailureKind.TRANSIENT_EXHAUSTED, "HTTP 429"),
        Arguments.of(
            "internal error",
            500,
            error("InternalServerException", ""),
            FailureKind.TRANSIENT_EXHAUSTED,
            "InternalServerException"),
        Arguments.of(
            "2xx without id",
            200,
            "{}",
            FailureKind.OUTCOME_UNKNOWN,
            "accepted without a message id"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void deliver_shouldClassifyTheError_whenSendTextMessageFails(
      String name, int status, String body, FailureKind kind, String reason) {
    // given
    answer(status, body);

    // when
    DeliveryOutcome outcome =
        channel(1)
            .deliver(SmsMessages.code(TriggerSource.SIGN_UP), clock.instant().plusSeconds(10));

    // then
    assertThat(outcome).isEqualTo(new DeliveryOutcome.Failed("sms", kind, null, reason, 1));
  }

  @Test
  void deliver_shouldRetryThrottlingThenSucceed_whenTheSecondAttemptPasses() {
    // given
    aws.stubFor(
        post(urlEqualTo("/"))
            .inScenario("throttle")
            .whenScenarioStateIs("Started")
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/x-amz-json-1.0")
                    .withBody(error("ThrottlingException", "")))
            .willSetStateTo("calm"));
    aws.stubFor(
        post(urlEqualTo("/"))
            .inScenario("throttle")
            .whenScenarioStateIs("calm")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.0")
                    .withBody("{\"MessageId\":\"sms-msg-3\"}")));

    // when
    DeliveryOutcome outcome =
        channel(3)
            .deliver(SmsMessages.code(TriggerSource.SIGN_UP), clock.instant().plusSeconds(10));

    // then
    assertThat(outcome).isEqualTo(DeliveryOutcome.Delivered.accepted("sms", "sms-msg-3", 2));
    assertThat(sleeps).containsExactly(Duration.ofMillis(187));
    aws.verify(2, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void deliver_shouldStopAtMaxAttempts_whenThrottledEveryTime() {
    // given
    answer(400, error("ThrottlingException", ""));

    // when
    DeliveryOutcome outcome =
        channel(3)
            .deliver(SmsMessages.code(TriggerSource.SIGN_UP), clock.instant().plusSeconds(30));

    // then
    assertThat(outcome)
        .isEqualTo(
            new DeliveryOutcome.Failed(
                "sms", FailureKind.TRANSIENT_EXHAUSTED, null, "ThrottlingException", 3));
    assertThat(sleeps).containsExactly(Duration.ofMillis(187), Duration.ofMillis(375));
  }

  @Test
  void deliver_shouldStopRetrying_whenTheDeadlineLeavesNoTimeForAnotherAttempt() {
    // given
    answer(400, error("ThrottlingException", ""));

    // when: 187 ms + 375 ms of backoff fit in 2 s with a second for each attempt; the third wait
    // (750 ms) does not
    DeliveryOutcome outcome =
        channel(5).deliver(SmsMessages.code(TriggerSource.SIGN_UP), clock.instant().plusSeconds(2));

    // then
    assertThat(outcome)
        .isEqualTo(
            new DeliveryOutcome.Failed(
                "sms",
                FailureKind.TRANSIENT_EXHAUSTED,
                null,
                "ThrottlingException; no time left to retry",
                3));
    aws.verify(3, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void deliver_shouldSendNothing_whenTheDeadlineHasPassed() {
    // when
    DeliveryOutcome outcome =
        channel(3).deliver(SmsMessages.code(TriggerSource.SIGN_UP), clock.instant());

    // then
    assertThat(outcome)
        .isEqualTo(
            new DeliveryOutcome.Failed(
                "sms",
                FailureKind.TRANSIENT_EXHAUSTED,
                null,
                "no time left before the Lambda deadline",
                0));
    aws.verify(0, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void deliver_shouldRetryANetworkFailure_whenTheConnectionIsReset() {
    // given
    aws.stubFor(
        post(urlEqualTo("/")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    // when
    DeliveryOutcome outcome =
        channel(2)
            .deliver(SmsMessages.code(TriggerSource.SIGN_UP), clock.instant().plusSeconds(10));

    // then
    assertThat(outcome)
        .isEqualTo(
            new DeliveryOutcome.Failed(
                "sms", FailureKind.TRANSIENT_EXHAUSTED, null, "network: SdkClientException", 2));
  }

  @Test
  void deliver_shouldReportAnUnknownOutcome_whenTheAnswerComesAfterTheDeadline() {
    // given
    aws.stubFor(
        post(urlEqualTo("/"))
            .willReturn(
                aResponse()
                    .withFixedDelay(3_000)
                    .withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.0")
                    .withBody("{\"MessageId\":\"late\"}")));

    // when
    long started = System.nanoTime();
    DeliveryOutcome outcome =
        channel(3)
            .deliver(SmsMessages.code(TriggerSource.SIGN_UP), clock.instant().plusMillis(400));

    // then
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_500));
    assertThat(outcome).isInstanceOf(DeliveryOutcome.Failed.class);
    DeliveryOutcome.Failed failed = (DeliveryOutcome.Failed) outcome;
    assertThat(failed.kind()).isEqualTo(FailureKind.OUTCOME_UNKNOWN);
    assertThat(failed.attempts()).isEqualTo(1);
  }

  @Test
  void create_shouldBuildTheProductionChannel_whenGivenTheEnvironment() {
    // given
    AwsClients clients = new AwsClients(Map.of("AWS_REGION", "eu-west-1"));

    // when
    EndUserMessagingSmsChannel channel =
        EndUserMessagingSmsChannel.create(
            clients.pinpointSmsVoiceV2(), SmsSettings.fromEnvironment(Map.of()));
    channel.afterRestore();

    // then
    assertThat(channel.name()).isEqualTo("sms");
  }
}
