package dev.cognitowa.otp.sender.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real SDK client (query protocol: form-encoded request, XML answer) against a loopback
 * stand-in of SNS.
 */
class SnsSmsChannelTest {
  private static final String XMLNS = "http://sns.amazonaws.com/doc/2010-03-31/";

  @RegisterExtension
  static WireMockExtension aws =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
  private final List<Duration> sleeps = new ArrayList<>();

  /**
   * The first request of a cold JVM may outlast the 2 s attempt timeout: keep it out of the tests'
   * attempt counts.
   */
  @BeforeAll
  static void warmUp() {
    published("warm-up");
    SnsSmsChannelTest test = new SnsSmsChannelTest();
    assertThat(
            test.channel(3)
                .deliver(
                    SmsMessages.code(TriggerSource.SIGN_UP), test.clock.instant().plusSeconds(30)))
        .isInstanceOf(DeliveryOutcome.Delivered.class);
    aws.resetAll();
  }

  private SnsSmsChannel channel(int maxAttempts) {
    Map<String, String> env =
        Map.of(
            "AWS_REGION",
            "eu-west-1",
            "AWS_ACCESS_KEY_ID",
            "AKIDTEST",
            "AWS_SECRET_ACCESS_KEY",
            "test-secret-key",
            "AWS_ENDPOINT_URL_SNS",
            aws.baseUrl());
    SmsSettings settings =
        SmsSettings.fromEnvironment(Map.of("SMS_MAX_ATTEMPTS", String.valueOf(maxAttempts)));
    return new SnsSmsChannel(
        new AwsClients(env).sns(),
        settings,
        clock,
        d -> {
          sleeps.add(d);
          clock.advance(d);
        },
        () -> 0.5);
  }

  private static void published(String messageId) {
    aws.stubFor(
        post(urlEqualTo("/"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                        "<PublishResponse xmlns=\""
                            + XMLNS
                            + "\"><PublishResult><MessageId>"
                            + messageId
                            + "</MessageId></PublishResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>"
                            + "</PublishResponse>")));
  }

  private static void refused(int status, String code, String message) {
    aws.stubFor(
        post(urlEqualTo("/"))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                        "<ErrorResponse xmlns=\""
                            + XMLNS
                            + "\"><Error><Type>Sender</Type><Code>"
                            + code
                            + "</Code><Message>"
                            + message
                            + "</Message></Error><RequestId>req-2</RequestId></ErrorResponse>")));
  }

  @Test
  void deliver_shouldPublishATransactionalSmsToThePhone_whenAccepted() {
    // given
    published("sns-msg-1");

    // when
    DeliveryOutcome outcome =
        channel(3)
            .deliver(
                SmsMessages.code(TriggerSource.FORGOT_PASSWORD), clock.instant().plusSeconds(10));

    // then
    assertThat(outcome).isEqualTo(DeliveryOutcome.Delivered.accepted("sns", "sns-msg-1", 1));
    aws.verify(
        postRequestedFor(urlEqualTo("/"))
            .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
            .withHeader("Authorization", containing("/eu-west-1/sns/aws4_request"))
            .withFormParam("Action", equalTo("Publish"))
            .withFormParam("Version", equalTo("2010-03-31"))
            .withFormParam("PhoneNumber", equalTo(TestSecrets.PHONE))
            .withFormParam("Message", equalTo("Your password reset code is " + TestSecrets.CODE))
            .withFormParam("MessageAttributes.entry.1.Name", equalTo("AWS.SNS.SMS.SMSType"))
            .withFormParam("MessageAttributes.entry.1.Value.DataType", equalTo("String"))
            .withFormParam(
                "MessageAttributes.entry.1.Value.StringValue", equalTo("Transactional")));
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of(
            "throttled",
            400,
            "Throttling",
            "Rate exceeded",
            FailureKind.TRANSIENT_EXHAUSTED,
            "Throttling"),
        Arguments.of(
            "kms throttled",
            400,
            "KMSThrottling",
            "slow down",
            FailureKind.TRANSIENT_EXHAUSTED,
            "KMSThrottling"),
        Arguments.of(
            "internal error",
            500,
            "InternalError",
            "oops",
            FailureKind.TRANSIENT_EXHAUSTED,
            "InternalError"),
        Arguments.of(
            "bad phone number",
            400,
            "InvalidParameter",
            "Invalid parameter: PhoneNumber Reason: "
                + TestSecrets.PHONE
                + " is not valid to publish to",
            FailureKind.RECIPIENT_UNREACHABLE,
            "InvalidParameter PhoneNumber"),
        Arguments.of(
            "other invalid parameter",
            400,
            "InvalidParameter",
            "Invalid parameter: Message too long",
            FailureKind.REJECTED,
            "InvalidParameter"),
        Arguments.of(
            "not authorized",
            403,
            "AuthorizationError",
            "not authorized",
            FailureKind.CONFIGURATION,
            "AuthorizationError"),
        Arguments.of(
            "kms key disabled",
            400,
            "KMSDisabled",
            "disabled",
            FailureKind.CONFIGURATION,
            "KMSDisabled"),
        Arguments.of(
            "validation",
            400,
            "ValidationException",
            "bad",
            FailureKind.REJECTED,
            "ValidationException"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void deliver_shouldClassifyTheError_whenPublishFails(
      String name, int status, String code, String message, FailureKind kind, String reason) {
    // given
    refused(status, code, message);

    // when
    DeliveryOutcome outcome =
        channel(1)
            .deliver(SmsMessages.code(TriggerSource.SIGN_UP), clock.instant().plusSeconds(10));

    // then
    assertThat(outcome).isEqualTo(new DeliveryOutcome.Failed("sns", kind, null, reason, 1));
  }

  @Test
  void deliver_shouldRetryThrottlingUntilTheDeadline_whenSnsKeepsThrottling() {
    // given
    refused(400, "Throttling", "Rate exceeded");

    // when
    DeliveryOutcome outcome =
        channel(5).deliver(SmsMessages.code(TriggerSource.SIGN_UP), clock.instant().plusSeconds(2));

    // then
    assertThat(outcome)
        .isEqualTo(
            new DeliveryOutcome.Failed(
                "sns",
                FailureKind.TRANSIENT_EXHAUSTED,
                null,
                "Throttling; no time left to retry",
                3));
    assertThat(sleeps).containsExactly(Duration.ofMillis(187), Duration.ofMillis(375));
  }

  @Test
  void create_shouldBuildTheProductionChannel_whenGivenTheEnvironment() {
    // when
    SnsSmsChannel channel =
        SnsSmsChannel.create(
            new AwsClients(Map.of("AWS_REGION", "eu-west-1")).sns(),
            SmsSettings.fromEnvironment(Map.of()));
    channel.afterRestore();

    // then
    assertThat(channel.name()).isEqualTo("sns");
  }
}
