package dev.cognitowa.otp.sender.eum;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.ob.JSON;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome.FailureKind;
import dev.cognitowa.otp.sender.delivery.OtpMessage;
import dev.cognitowa.otp.sender.delivery.TemplateRef;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.phone.Recipient;
import dev.cognitowa.otp.sender.support.Sensitive;
import dev.cognitowa.otp.sender.testutils.MutableClock;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import dev.cognitowa.otp.sender.whatsapp.RetryPolicy;
import dev.cognitowa.otp.sender.whatsapp.WhatsAppMessage;
import dev.cognitowa.otp.sender.wiring.AwsClients;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.socialmessaging.SocialMessagingClient;

/**
 * The whatsapp-eum channel: the real SDK client, speaking REST-JSON to a local End User Messaging
 * Social stand-in.
 */
class EumWhatsAppChannelTest {
  private static final String PATH = "/v1/whatsapp/send";
  private static final String ORIGINATION = "phone-number-id-0123456789abcdef0123456789abcdef";
  private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");

  @RegisterExtension
  static WireMockExtension eum =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final MutableClock clock = new MutableClock(START);
  private final List<Duration> sleeps = new ArrayList<>();

  private static SocialMessagingClient client(String endpoint) {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_REGION", "eu-west-1");
    env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    env.put("AWS_SECRET_ACCESS_KEY", "test-secret-key");
    env.put("AWS_ENDPOINT_URL_SOCIALMESSAGING", endpoint);
    return new AwsClients(env).socialMessaging(ORIGINATION);
  }

  private EumWhatsAppChannel channel(int maxAttempts, Duration requestTimeout, Clock clock) {
    return new EumWhatsAppChannel(
        client(eum.baseUrl()),
        new EumWhatsAppSettings(ORIGINATION, "v26.0", requestTimeout, maxAttempts),
        new RetryPolicy(maxAttempts, () -> 0.5),
        clock,
        d -> {
          sleeps.add(d);
          this.clock.advance(d);
        });
  }

  private EumWhatsAppChannel channel(int maxAttempts) {
    return channel(maxAttempts, Duration.ofSeconds(2), clock);
  }

  private static OtpMessage message() {
    return new OtpMessage(
        TriggerSource.SIGN_UP,
        Recipient.ofValidatedE164(TestSecrets.PHONE),
        new TemplateRef("otp_code", "en_US"),
        List.of(Sensitive.of(TestSecrets.CODE)),
        Optional.of(Sensitive.of(TestSecrets.CODE)));
  }

  /**
   * An EUM error as REST-JSON carries it: the status, the error type header and a body with only a
   * message.
   */
  private static void answerError(int status, String type, String message) {
    eum.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("x-amzn-ErrorType", type)
                    .withBody("{\"message\":\"" + message + "\"}")));
  }

  @Test
  void deliver_shouldSendTheCloudApiMessageThroughEum_whenEumAccepts() throws Exception {
    // given
    eum.stubFor(post(urlEqualTo(PATH)).willReturn(okJson("{\"messageId\":\"wamid.EUM1\"}")));

    // when
    DeliveryOutcome outcome = channel(3).deliver(message(), START.plusSeconds(10));

    // then: signed with IAM credentials (no Meta token), the REST-JSON body of SendWhatsAppMessage
    assertThat(outcome)
        .isEqualTo(DeliveryOutcome.Delivered.accepted("whatsapp-eum", "wamid.EUM1", 1));
    eum.verify(
        1,
        postRequestedFor(urlEqualTo(PATH))
            .withHeader(
                "Authorization",
                matching(
                    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/eu-west-1/"
                        + "social-messaging/aws4_request, .*")));
    Map<String, Object> body =
        JSON.std.mapFrom(eum.getAllServeEvents().get(0).getRequest().getBodyAsString());
    assertThat(body).containsOnlyKeys("originationPhoneNumberId", "metaApiVersion", "message");
    assertThat(body)
        .containsEntry("originationPhoneNumberId", ORIGINATION)
        .containsEntry("metaApiVersion", "v26.0");
    byte[] graphMessage = Base64.getDecoder().decode((String) body.get("message"));
    assertThat(graphMessage).isEqualTo(WhatsAppMessage.from(message()).toJsonBytes());
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of(
            "throttled",
            429,
            "ThrottledRequestException",
            "Rate exceeded",
            FailureKind.TRANSIENT_EXHAUSTED,
            null),
        Arguments.of(
            "validation with 131026",
            400,
            "ValidationException",
            "(#131026) Message undeliverable",
            FailureKind.RECIPIENT_UNREACHABLE,
            131026),
        Arguments.of(
            "validation with 132001",
            400,
            "ValidationException",
            "(#132001) Template name does not exist in the translation",
            FailureKind.CONFIGURATION,
            132001),
        Arguments.of(
            "validation with a JSON code",
            400,
            "ValidationException",
            "Meta error: {\\\"code\\\":131026}",
            FailureKind.RECIPIENT_UNREACHABLE,
            131026),
        Arguments.of(
            "validation with an expired Meta token",
            400,
            "ValidationException",
            "(#190) Error validating access token",
            FailureKind.CONFIGURATION,
            190),
        Arguments.of(
            "validation without a code",
            400,
            "ValidationException",
            "Invalid message",
            FailureKind.REJECTED,
            null),
        Arguments.of(
            "invalid parameters",
            400,
            "InvalidParametersException",
            "metaApiVersion",
            FailureKind.REJECTED,
            null),
        Arguments.of(
            "access denied",
            403,
            "AccessDeniedException",
            "not authorized",
            FailureKind.CONFIGURATION,
            null),
        Arguments.of(
            "access denied by Meta",
            403,
            "AccessDeniedByMetaException",
            "Access denied by Meta",
            FailureKind.CONFIGURATION,
            null),
        Arguments.of(
            "unknown origination number",
            404,
            "ResourceNotFoundException",
            "phone number not found",
            FailureKind.CONFIGURATION,
            null),
        Arguments.of(
            "internal error",
            500,
            "InternalServiceException",
            "Something failed inside",
            FailureKind.TRANSIENT_EXHAUSTED,
            null),
        Arguments.of(
            "Meta unreachable",
            502,
            "DependencyException",
            "Meta could not be reached",
            FailureKind.TRANSIENT_EXHAUSTED,
            null),
        Arguments.of(
            "dependency with 131026",
            502,
            "DependencyException",
            "(#131026) Message undeliverable",
            FailureKind.RECIPIENT_UNREACHABLE,
            131026));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void deliver_shouldClassifyTheError_whenEumRefuses(
      String name, int status, String type, String message, FailureKind kind, Integer metaCode) {
    // given
    answerError(status, type, message);

    // when
    DeliveryOutcome outcome = channel(1).deliver(message(), START.plusSeconds(10));

    // then: Meta's code when passed through, the AWS error code in the reason, never the message
    // text
    assertThat(outcome).isInstanceOf(DeliveryOutcome.Failed.class);
    DeliveryOutcome.Failed failed = (DeliveryOutcome.Failed) outcome;
    assertThat(failed.channel()).isEqualTo("whatsapp-eum");
    assertThat(failed.kind()).isEqualTo(kind);
    assertThat(failed.errorCode()).isEqualTo(metaCode);
    assertThat(failed.reason())
        .contains(type)
        .contains("HTTP " + status)
        .doesNotContain(message.substring(2));
    assertThat(failed.attempts()).isEqualTo(1);
  }

  @Test
  void deliver_shouldRetryWithBackoff_whenEumThrottles() {
    // given: throttled once, then accepted
    eum.stubFor(
        post(urlEqualTo(PATH))
            .inScenario("throttle")
            .whenScenarioStateIs(STARTED)
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("x-amzn-ErrorType", "ThrottledRequestException")
                    .withBody("{\"message\":\"Rate exceeded\"}"))
            .willSetStateTo("open"));
    eum.stubFor(
        post(urlEqualTo(PATH))
            .inScenario("throttle")
            .whenScenarioStateIs("open")
            .willReturn(okJson("{\"messageId\":\"wamid.EUM2\"}")));

    // when
    DeliveryOutcome outcome = channel(3).deliver(message(), START.plusSeconds(10));

    // then: one SDK attempt per channel attempt (the client does not retry on its own), one backoff
    // between them
    assertThat(outcome)
        .isEqualTo(DeliveryOutcome.Delivered.accepted("whatsapp-eum", "wamid.EUM2", 2));
    eum.verify(2, postRequestedFor(urlEqualTo(PATH)));
    assertThat(sleeps).containsExactly(Duration.ofMillis(187)); // 250 ms step, equal jitter at 0.5
  }

  @Test
  void deliver_shouldGiveUpAfterMaxAttempts_whenEumKeepsFailing() {
    // given
    answerError(500, "InternalServiceException", "internal");

    // when
    DeliveryOutcome outcome = channel(3).deliver(message(), START.plusSeconds(60));

    // then
    assertThat(outcome)
        .isEqualTo(
            new DeliveryOutcome.Failed(
                "whatsapp-eum",
                FailureKind.TRANSIENT_EXHAUSTED,
                null,
                "HTTP 500: InternalServiceException",
                3));
    assertThat(sleeps).hasSize(2);
  }

  @Test
  void deliver_shouldWaitOutMetaRateLimits_whenPassedThroughUntilTheDeadline() {
    // given: Meta's throughput limit (130429) sends nothing, so it does not use up the attempts
    answerError(400, "ValidationException", "(#130429) Rate limit hit");

    // when
    DeliveryOutcome outcome = channel(1).deliver(message(), START.plusSeconds(10));

    // then
    DeliveryOutcome.Failed failed = (DeliveryOutcome.Failed) outcome;
    assertThat(failed.kind()).isEqualTo(FailureKind.TRANSIENT_EXHAUSTED);
    assertThat(failed.errorCode()).isEqualTo(130429);
    assertThat(failed.attempts()).isGreaterThan(1);
    assertThat(clock.instant()).isBefore(START.plusSeconds(10));
  }

  @Test
  void deliver_shouldEndAtTheDeadline_whenEumDoesNotAnswer() {
    // given: EUM answers after 5 s; the Lambda has 700 ms left
    eum.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(okJson("{\"messageId\":\"wamid.LATE\"}").withFixedDelay(5000)));
    Instant deadline = Instant.now().plusMillis(700);
    long started = System.nanoTime();

    // when
    DeliveryOutcome outcome =
        channel(3, Duration.ofSeconds(5), Clock.systemUTC()).deliver(message(), deadline);

    // then: back well before EUM would answer; the request had gone out, so whether it arrives is
    // unknown
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
    DeliveryOutcome.Failed failed = (DeliveryOutcome.Failed) outcome;
    assertThat(failed.kind()).isEqualTo(FailureKind.OUTCOME_UNKNOWN);
    assertThat(failed.reason()).startsWith("network: ");
    assertThat(failed.attempts()).isEqualTo(1);
  }

  @Test
  void deliver_shouldFailAtOnce_whenNoTimeIsLeft() {
    // when
    DeliveryOutcome outcome = channel(3).deliver(message(), START);

    // then
    assertThat(outcome)
        .isEqualTo(
            new DeliveryOutcome.Failed(
                "whatsapp-eum",
                FailureKind.TRANSIENT_EXHAUSTED,
                null,
                "no time left before the Lambda deadline",
                0));
    eum.verify(0, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void deliver_shouldReportANetworkFailure_whenNothingListens() throws Exception {
    // given: a port nobody listens on
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    EumWhatsAppChannel channel =
        new EumWhatsAppChannel(
            client("http://127.0.0.1:" + port),
            new EumWhatsAppSettings(ORIGINATION, "v26.0", Duration.ofSeconds(1), 2),
            new RetryPolicy(2, () -> 0.5),
            clock,
            d -> clock.advance(d));

    // when
    DeliveryOutcome outcome = channel.deliver(message(), START.plusSeconds(60));

    // then: refused before anything was sent, so a plain transient failure, retried once
    DeliveryOutcome.Failed failed = (DeliveryOutcome.Failed) outcome;
    assertThat(failed.kind()).isEqualTo(FailureKind.TRANSIENT_EXHAUSTED);
    assertThat(failed.reason()).startsWith("network: ");
    assertThat(failed.attempts()).isEqualTo(2);
  }

  @Test
  void deliver_shouldRetryAsUnknown_whenEumAcceptsWithoutAMessageId() {
    // given
    eum.stubFor(post(urlEqualTo(PATH)).willReturn(okJson("{}")));

    // when
    DeliveryOutcome outcome = channel(2).deliver(message(), START.plusSeconds(10));

    // then
    assertThat(((DeliveryOutcome.Failed) outcome).kind()).isEqualTo(FailureKind.OUTCOME_UNKNOWN);
    assertThat(outcome.attempts()).isEqualTo(2);
  }

  @Test
  void create_shouldBuildTheChannelFromSettings_whenGivenTheSharedClients() {
    // given
    Map<String, String> env =
        Map.of(
            "AWS_REGION",
            "eu-west-1",
            "AWS_ACCESS_KEY_ID",
            "AKIDEXAMPLE",
            "AWS_SECRET_ACCESS_KEY",
            "test-secret-key",
            "AWS_ENDPOINT_URL_SOCIALMESSAGING",
            eum.baseUrl());
    eum.stubFor(post(urlEqualTo(PATH)).willReturn(okJson("{\"messageId\":\"wamid.EUM3\"}")));
    EumWhatsAppChannel channel =
        EumWhatsAppChannel.create(
            new EumWhatsAppSettings(ORIGINATION, "v26.0", Duration.ofSeconds(2), 3),
            new AwsClients(env).socialMessaging(ORIGINATION));
    channel.afterRestore();

    // when
    DeliveryOutcome outcome = channel.deliver(message(), Instant.now().plusSeconds(10));

    // then
    assertThat(channel.name()).isEqualTo("whatsapp-eum");
    assertThat(outcome)
        .isEqualTo(DeliveryOutcome.Delivered.accepted("whatsapp-eum", "wamid.EUM3", 1));
  }

  @Test
  void settings_shouldRefuseAPhoneNumber_whenGivenInsteadOfTheId() {
    // when / then: the message names the setting, never the value
    assertThatThrownBy(
            () -> new EumWhatsAppSettings(TestSecrets.PHONE, "v26.0", Duration.ofSeconds(1), 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EUM_WHATSAPP_PHONE_NUMBER_ID")
        .hasMessageNotContaining(TestSecrets.PHONE_DIGITS);
  }
}
