package dev.cognitowa.otp.sender.whatsapp;

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
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome.FailureKind;
import dev.cognitowa.otp.sender.delivery.OtpMessage;
import dev.cognitowa.otp.sender.delivery.TemplateRef;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.phone.Recipient;
import dev.cognitowa.otp.sender.support.Sensitive;
import dev.cognitowa.otp.sender.testutils.MutableClock;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Cloud API channel over real sockets against a local Graph stand-in. */
class WhatsAppChannelTest {
  private static final String PATH = "/v26.0/" + TestSecrets.PHONE_NUMBER_ID + "/messages";
  private static final String OK =
      "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.OK\"}]}";
  private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");

  @RegisterExtension
  static WireMockExtension graph =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final MutableClock clock = new MutableClock(START);
  private final List<Duration> sleeps = new ArrayList<>();

  private WhatsAppChannel channel(
      URI baseUrl, int maxAttempts, Duration requestTimeout, AccessTokenProvider tokens) {
    WhatsAppSettings settings =
        new WhatsAppSettings(
            baseUrl,
            "v26.0",
            TestSecrets.PHONE_NUMBER_ID,
            Duration.ofSeconds(1),
            requestTimeout,
            maxAttempts);
    return new WhatsAppChannel(
        new CloudApiClient(settings),
        tokens,
        new RetryPolicy(maxAttempts, () -> 0.5),
        requestTimeout,
        clock,
        d -> {
          sleeps.add(d);
          clock.advance(d);
        });
  }

  /**
   * A channel whose attempts are bounded generously: these tests are about answers, not time, and a
   * loaded 2-core machine once took over 2 s to serve a loopback answer, which made a third
   * attempt. Timeouts have tests of their own.
   */
  private WhatsAppChannel channel(int maxAttempts) {
    return channel(
        URI.create(graph.baseUrl()),
        maxAttempts,
        Duration.ofSeconds(10),
        new StaticAccessTokenProvider(Sensitive.of(TestSecrets.ACCESS_TOKEN)));
  }

  private static OtpMessage message() {
    return new OtpMessage(
        TriggerSource.SIGN_UP,
        Recipient.ofValidatedE164(TestSecrets.PHONE),
        new TemplateRef("otp_code", "en_US"),
        List.of(Sensitive.of(TestSecrets.CODE)),
        Optional.of(Sensitive.of(TestSecrets.CODE)));
  }

  private static void answer(int status, String body) {
    graph.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)));
  }

  /**
   * Where we deliberately part from the shared table's retry class: an account blocked (368) or
   * locked (131031) fails every message until an operator acts, so it is a configuration failure
   * (alarm-worthy), not a per-message one.
   */
  private static final Map<Integer, String> KNOWN_DIFFERENCES =
      Map.of(
          368, "do_not_retry_fix_config",
          131031, "do_not_retry_fix_config");

  /**
   * Every example of the shared error table, with Meta's HTTP status and, where given, the
   * third-party one.
   */
  static Stream<Arguments> errorTable() throws Exception {
    List<Arguments> cases = new ArrayList<>();
    try (InputStream in =
        WhatsAppChannelTest.class.getResourceAsStream(
            "/whatsapp/whatsapp-cloud-api-error-examples.json")) {
      Map<String, Object> table = JSON.std.mapFrom(in);
      for (Object o : (List<?>) table.get("examples")) {
        Map<?, ?> example = (Map<?, ?>) o;
        String body = JSON.std.asString(example.get("body"));
        String name = example.get("code") + " " + example.get("title");
        int code = ((Number) example.get("code")).intValue();
        if (example.get("retry").equals(KNOWN_DIFFERENCES.get(code))) {
          throw new IllegalStateException(
              "the shared table now agrees on " + code + ": drop it from KNOWN_DIFFERENCES");
        }
        String retry = KNOWN_DIFFERENCES.getOrDefault(code, (String) example.get("retry"));
        cases.add(
            Arguments.of(
                name + " (HTTP " + example.get("http_status") + ")",
                ((Number) example.get("http_status")).intValue(),
                body,
                retry));
        if (example.get("http_status_third_party") instanceof Number thirdParty) {
          cases.add(
              Arguments.of(
                  name + " (HTTP " + thirdParty + ")", thirdParty.intValue(), body, retry));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errorTable")
  void deliver_shouldFollowTheErrorTable_whenGraphAnswersWithAnError(
      String name, int status, String body, String retryClass) {
    // given
    answer(status, body);
    int maxAttempts = 3;
    int code = ((Number) ((Map<?, ?>) parse(body).get("error")).get("code")).intValue();

    // when
    DeliveryOutcome outcome = channel(maxAttempts).deliver(message(), START.plusSeconds(60));

    // then
    assertThat(outcome).isInstanceOf(DeliveryOutcome.Failed.class);
    DeliveryOutcome.Failed failed = (DeliveryOutcome.Failed) outcome;
    assertThat(failed.errorCode()).isEqualTo(code);
    int expectedRequests;
    switch (retryClass) {
      case "retry_with_backoff" -> {
        assertThat(failed.kind()).isEqualTo(FailureKind.TRANSIENT_EXHAUSTED);
        if (ErrorClassifier.isRateLimited(
            new SendResult.Rejected(400, code, "", Optional.empty()))) {
          // nothing was sent: waited out until the deadline (60 s here) or the cap, not counted as
          // attempts
          assertThat(failed.attempts())
              .isGreaterThan(maxAttempts)
              .isLessThanOrEqualTo(RetryPolicy.MAX_RATE_LIMITED_RETRIES + 1);
          expectedRequests = failed.attempts();
        } else {
          expectedRequests = maxAttempts;
        }
      }
      case "do_not_retry_fix_config" -> {
        assertThat(failed.kind()).isEqualTo(FailureKind.CONFIGURATION);
        expectedRequests =
            code == 190 ? 2 : 1; // 190: the token is reloaded once and the request repeated
      }
      case "do_not_retry_permanent_for_recipient" -> {
        assertThat(failed.kind()).isEqualTo(FailureKind.RECIPIENT_UNREACHABLE);
        expectedRequests = 1;
      }
      default -> {
        assertThat(retryClass).isEqualTo("do_not_retry");
        assertThat(failed.kind()).isIn(FailureKind.REJECTED, FailureKind.RECIPIENT_UNREACHABLE);
        expectedRequests = 1;
      }
    }
    graph.verify(expectedRequests, postRequestedFor(urlEqualTo(PATH)));
    assertThat(failed.attempts()).isEqualTo(expectedRequests);
    assertThat(failed.reason())
        .doesNotContain(TestSecrets.CODE, TestSecrets.ACCESS_TOKEN, TestSecrets.PHONE_DIGITS);
  }

  private static Map<String, Object> parse(String json) {
    try {
      return JSON.std.mapFrom(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void deliver_shouldBackOffExponentiallyWithJitter_whenGraphKeepsFailing() {
    // given
    answer(
        503,
        "{\"error\":{\"message\":\"(#2) Service temporarily unavailable\",\"type\":\"OAuthException\","
            + "\"code\":2}}");

    // when
    DeliveryOutcome outcome = channel(4).deliver(message(), START.plusSeconds(60));

    // then: steps 250, 500, 1000 ms, each half fixed and half jitter (0.5 here)
    assertThat(outcome.attempts()).isEqualTo(4);
    assertThat(sleeps)
        .containsExactly(Duration.ofMillis(187), Duration.ofMillis(375), Duration.ofMillis(750));
  }

  private static final String TOKEN_EXPIRED =
      "{\"error\":{\"message\":\"Invalid OAuth access token\","
          + "\"type\":\"OAuthException\",\"code\":190}}";

  @Test
  void deliver_shouldCountTheRequestAfterATokenReload_whenGraphKeepsFailing() {
    // given: 190 first, then service unavailable for good
    graph.stubFor(
        post(urlEqualTo(PATH))
            .inScenario("expired")
            .whenScenarioStateIs("Started")
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody(TOKEN_EXPIRED))
            .willSetStateTo("reloaded"));
    graph.stubFor(
        post(urlEqualTo(PATH))
            .inScenario("expired")
            .whenScenarioStateIs("reloaded")
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":{\"message\":\"(#2) Service temporarily unavailable\",\"code\":2}}")));

    // when
    DeliveryOutcome outcome = channel(2).deliver(message(), START.plusSeconds(60));

    // then: two requests in all, as WHATSAPP_MAX_ATTEMPTS says
    assertThat(((DeliveryOutcome.Failed) outcome).kind())
        .isEqualTo(FailureKind.TRANSIENT_EXHAUSTED);
    assertThat(outcome.attempts()).isEqualTo(2);
    graph.verify(2, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void deliver_shouldReloadButNotRepeat_whenTheOnlyAttemptMeetsAnExpiredToken() {
    // given
    answer(401, TOKEN_EXPIRED);
    List<String> calls = new ArrayList<>();
    AccessTokenProvider tokens =
        new AccessTokenProvider() {
          @Override
          public Sensitive token(Instant deadline) {
            calls.add("token");
            return Sensitive.of(TestSecrets.ACCESS_TOKEN);
          }

          @Override
          public Sensitive refresh(Instant deadline) {
            calls.add("refresh");
            return Sensitive.of(TestSecrets.ACCESS_TOKEN);
          }
        };

    // when
    DeliveryOutcome outcome =
        channel(URI.create(graph.baseUrl()), 1, Duration.ofSeconds(2), tokens)
            .deliver(message(), START.plusSeconds(60));

    // then: one request, and the token reloaded for the next event (or Lambda's retry)
    graph.verify(1, postRequestedFor(urlEqualTo(PATH)));
    assertThat(calls).containsExactly("token", "refresh");
    assertThat(((DeliveryOutcome.Failed) outcome).kind())
        .isEqualTo(FailureKind.TRANSIENT_EXHAUSTED);
    assertThat(((DeliveryOutcome.Failed) outcome).errorCode()).isEqualTo(190);
    assertThat(outcome.attempts()).isEqualTo(1);
  }

  @Test
  void deliver_shouldHonourRetryAfter_whenGraphThrottles() {
    // given
    graph.stubFor(
        post(urlEqualTo(PATH))
            .inScenario("throttle")
            .whenScenarioStateIs("Started")
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "3")
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":{\"message\":\"(#130429) Rate limit hit\",\"code\":130429}}"))
            .willSetStateTo("open"));
    graph.stubFor(
        post(urlEqualTo(PATH))
            .inScenario("throttle")
            .whenScenarioStateIs("open")
            .willReturn(okJson(OK)));

    // when
    DeliveryOutcome outcome = channel(3).deliver(message(), START.plusSeconds(60));

    // then
    assertThat(outcome).isEqualTo(DeliveryOutcome.Delivered.accepted("whatsapp", "wamid.OK", 2));
    assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void deliver_shouldWaitForThePairRateLimit_whenTheRecipientGotAMessageJustNow() {
    // given
    graph.stubFor(
        post(urlEqualTo(PATH))
            .inScenario("pair")
            .whenScenarioStateIs("Started")
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":{\"message\":\"(#131056) (Business Account, Consumer Account) pair rate limit hit\","
                            + "\"code\":131056}}"))
            .willSetStateTo("open"));
    graph.stubFor(
        post(urlEqualTo(PATH))
            .inScenario("pair")
            .whenScenarioStateIs("open")
            .willReturn(okJson(OK)));

    // when
    DeliveryOutcome outcome = channel(3).deliver(message(), START.plusSeconds(60));

    // then
    assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(sleeps)
        .singleElement()
        .satisfies(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofSeconds(6)));
  }

  @Test
  void deliver_shouldStopRetrying_whenTheNextAttemptWouldPassTheDeadline() {
    // given: 1.5 s left; the first retry (187 ms + 1 s minimum attempt) fits, the second (375 ms +
    // 1 s) does not
    answer(500, "{\"error\":{\"message\":\"(#131000) Something went wrong\",\"code\":131000}}");

    // when
    DeliveryOutcome outcome = channel(5).deliver(message(), START.plusMillis(1500));

    // then
    assertThat(outcome).isInstanceOf(DeliveryOutcome.Failed.class);
    assertThat(((DeliveryOutcome.Failed) outcome).kind())
        .isEqualTo(FailureKind.TRANSIENT_EXHAUSTED);
    assertThat(outcome.attempts()).isEqualTo(2);
    graph.verify(2, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void deliver_shouldRetryANonJsonGatewayError_whenAProxyAnswersWithHtml() {
    // given
    graph.stubFor(
        post(urlEqualTo(PATH))
            .inScenario("proxy")
            .whenScenarioStateIs("Started")
            .willReturn(
                aResponse().withStatus(502).withBody("<html><body>Bad Gateway</body></html>"))
            .willSetStateTo("ok"));
    graph.stubFor(
        post(urlEqualTo(PATH))
            .inScenario("proxy")
            .whenScenarioStateIs("ok")
            .willReturn(okJson(OK)));

    // when
    DeliveryOutcome outcome = channel(3).deliver(message(), START.plusSeconds(60));

    // then
    assertThat(outcome).isEqualTo(DeliveryOutcome.Delivered.accepted("whatsapp", "wamid.OK", 2));
  }

  @Test
  void deliver_shouldRetryAndReportOutcomeUnknown_whenASuccessfulAnswerHasNoMessageId() {
    // given: the message may have gone out; a duplicate of the same code beats a lost one
    // (docs/explanation/reliability.md)
    answer(200, "{\"messaging_product\":\"whatsapp\"}");

    // when
    DeliveryOutcome outcome = channel(3).deliver(message(), START.plusSeconds(60));

    // then
    assertThat(((DeliveryOutcome.Failed) outcome).kind()).isEqualTo(FailureKind.OUTCOME_UNKNOWN);
    graph.verify(3, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void deliver_shouldReportOutcomeUnknown_whenTheAnswerTimesOutAfterTheRequestWasSent() {
    // given
    graph.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(OK).withFixedDelay(3_000)));

    // when
    DeliveryOutcome outcome =
        channel(
                URI.create(graph.baseUrl()),
                1,
                Duration.ofMillis(300),
                new StaticAccessTokenProvider(Sensitive.of(TestSecrets.ACCESS_TOKEN)))
            .deliver(message(), START.plusSeconds(60));

    // then
    assertThat(((DeliveryOutcome.Failed) outcome).kind()).isEqualTo(FailureKind.OUTCOME_UNKNOWN);
    assertThat(
            ((DeliveryOutcome.Failed) outcome)
                .reason()) // whichever fires first: the wait or the read timeout
        .isIn("network: DeadlineExceededException", "network: SocketTimeoutException");
  }

  @Test
  void deliver_shouldTimeOutAndRetry_whenTheServerHangs() {
    // given
    graph.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(OK).withFixedDelay(3_000)));

    // when
    DeliveryOutcome outcome =
        channel(
                URI.create(graph.baseUrl()),
                2,
                Duration.ofMillis(300),
                new StaticAccessTokenProvider(Sensitive.of(TestSecrets.ACCESS_TOKEN)))
            .deliver(message(), START.plusSeconds(60));

    // then
    assertThat(outcome).isInstanceOf(DeliveryOutcome.Failed.class);
    assertThat(
            ((DeliveryOutcome.Failed) outcome)
                .reason()) // whichever fires first: the wait or the read timeout
        .isIn("network: DeadlineExceededException", "network: SocketTimeoutException");
    assertThat(outcome.attempts()).isEqualTo(2);
  }

  /**
   * A body of {@code bytes} bytes (valid JSON) that Graph's stand-in sends in 1000 chunks over
   * {@code millis}.
   */
  private static void dribble(int bytes, int millis) {
    graph.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"padding\":\"" + "x".repeat(bytes - 14) + "\"}")
                    .withChunkedDribbleDelay(1000, millis)));
  }

  @Test
  void deliver_shouldEndTheAttemptAtItsDeadline_whenTheServerDribblesTheBody() {
    // given: the status and headers at once, then 60 KB over 30 s: each read returns quickly, so a
    // per-read timeout
    // never fires
    dribble(60_000, 30_000);
    WhatsAppChannel channel =
        channel(
            URI.create(graph.baseUrl()),
            1,
            Duration.ofMillis(1500),
            new StaticAccessTokenProvider(Sensitive.of(TestSecrets.ACCESS_TOKEN)));
    long started = System.nanoTime();

    // when
    DeliveryOutcome outcome = channel.deliver(message(), START.plusSeconds(60));

    // then: the 1.5 s attempt ends at its deadline, with generous slack for a busy machine, not
    // after 30 s; the
    // request had gone out, so whether the code arrives is unknown
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(((DeliveryOutcome.Failed) outcome).kind()).isEqualTo(FailureKind.OUTCOME_UNKNOWN);
    assertThat(((DeliveryOutcome.Failed) outcome).reason())
        .isEqualTo("network: DeadlineExceededException");
    assertThat(outcome.attempts()).isEqualTo(1);
  }

  @Test
  void deliver_shouldStopReadingAtTheCap_whenTheServerDribblesAHugeBody() {
    // given: 4 MiB over 60 s; the 64 KiB cap is reached after about a second, well inside the 10 s
    // attempt
    dribble(4 << 20, 60_000);
    WhatsAppChannel channel =
        channel(
            URI.create(graph.baseUrl()),
            1,
            Duration.ofSeconds(10),
            new StaticAccessTokenProvider(Sensitive.of(TestSecrets.ACCESS_TOKEN)));
    long started = System.nanoTime();

    // when
    DeliveryOutcome outcome = channel.deliver(message(), START.plusSeconds(60));

    // then: no draining of the rest; a 200 whose first 64 KiB hold no message id leaves the outcome
    // unknown
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
    assertThat(((DeliveryOutcome.Failed) outcome).kind()).isEqualTo(FailureKind.OUTCOME_UNKNOWN);
    assertThat(((DeliveryOutcome.Failed) outcome).reason())
        .isEqualTo("HTTP 200: malformed response: no messages[0].id");
  }

  @Test
  void deliver_shouldReportANetworkFailure_whenNothingListens() throws Exception {
    // given
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    // when
    DeliveryOutcome outcome =
        channel(
                URI.create("http://127.0.0.1:" + port),
                2,
                Duration.ofSeconds(1),
                new StaticAccessTokenProvider(Sensitive.of(TestSecrets.ACCESS_TOKEN)))
            .deliver(message(), START.plusSeconds(60));

    // then
    assertThat(((DeliveryOutcome.Failed) outcome).kind())
        .isEqualTo(FailureKind.TRANSIENT_EXHAUSTED);
    assertThat(((DeliveryOutcome.Failed) outcome).reason()).isEqualTo("network: ConnectException");
    assertThat(outcome.attempts()).isEqualTo(2);
  }

  @Test
  void deliver_shouldSendTheBearerTokenAndJson_whenAccepted() {
    // given
    graph.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(OK)));

    // when
    DeliveryOutcome outcome = channel(3).deliver(message(), START.plusSeconds(60));

    // then
    assertThat(outcome).isEqualTo(DeliveryOutcome.Delivered.accepted("whatsapp", "wamid.OK", 1));
    graph.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withHeader("Authorization", equalTo("Bearer " + TestSecrets.ACCESS_TOKEN))
            .withHeader("Content-Type", equalTo("application/json")));
  }

  private static final String THROUGHPUT =
      "{\"error\":{\"message\":\"(#130429) Rate limit hit\",\"code\":130429}}";

  /**
   * Graph answers each request with the next of these (status, body), then keeps answering the
   * last.
   */
  private static void answers(Object... statusAndBody) {
    for (int i = 0; i < statusAndBody.length; i += 2) {
      String state = i == 0 ? "Started" : "answer" + i;
      String next = i + 2 < statusAndBody.length ? "answer" + (i + 2) : state;
      graph.stubFor(
          post(urlEqualTo(PATH))
              .inScenario("answers")
              .whenScenarioStateIs(state)
              .willReturn(
                  aResponse()
                      .withStatus((Integer) statusAndBody[i])
                      .withHeader("Content-Type", "application/json")
                      .withBody((String) statusAndBody[i + 1]))
              .willSetStateTo(next));
    }
  }

  @Test
  void deliver_shouldWaitOutTheThroughputLimit_whenItRefusesMoreOftenThanMaxAttempts() {
    // given: a burst; the number's 80 messages/s are spent for the next three requests
    answers(400, THROUGHPUT, 400, THROUGHPUT, 400, THROUGHPUT, 200, OK);

    // when
    DeliveryOutcome outcome = channel(2).deliver(message(), START.plusSeconds(10));

    // then: refusals that sent nothing did not use up the two attempts
    assertThat(outcome).isEqualTo(DeliveryOutcome.Delivered.accepted("whatsapp", "wamid.OK", 4));
    assertThat(sleeps).hasSize(3);
  }

  @Test
  void deliver_shouldStopBeforeTheDeadline_whenTheThroughputLimitNeverClears() {
    // given
    answer(400, THROUGHPUT);
    Instant deadline = START.plusSeconds(10);

    // when
    DeliveryOutcome outcome = channel(3).deliver(message(), deadline);

    // then: more requests than WHATSAPP_MAX_ATTEMPTS, but none started without a second left
    DeliveryOutcome.Failed failed = (DeliveryOutcome.Failed) outcome;
    assertThat(failed.kind()).isEqualTo(FailureKind.TRANSIENT_EXHAUSTED);
    assertThat(failed.errorCode()).isEqualTo(130429);
    assertThat(failed.attempts()).isGreaterThan(3);
    assertThat(clock.instant()).isBefore(deadline.minusSeconds(1).plusMillis(1));
  }

  @Test
  void deliver_shouldStopAtTheRateLimitCap_whenTheDeadlineIsFarAway() {
    // given
    answer(400, THROUGHPUT);

    // when
    DeliveryOutcome outcome = channel(3).deliver(message(), START.plus(Duration.ofHours(1)));

    // then
    assertThat(outcome.attempts()).isEqualTo(RetryPolicy.MAX_RATE_LIMITED_RETRIES + 1);
    graph.verify(RetryPolicy.MAX_RATE_LIMITED_RETRIES + 1, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void deliver_shouldStillCountOtherFailures_whenRateLimitsCameBetweenThem() {
    // given: a server error, a throughput refusal, a server error
    answers(500, "{}", 400, THROUGHPUT, 500, "{}");

    // when
    DeliveryOutcome outcome = channel(2).deliver(message(), START.plusSeconds(60));

    // then: two counted attempts plus the refusal
    assertThat(((DeliveryOutcome.Failed) outcome).errorCode()).isNull();
    assertThat(outcome.attempts()).isEqualTo(3);
    graph.verify(3, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void
      deliver_shouldReportOutcomeUnknown_whenAnEarlierAttemptMayHaveReachedMetaAndALaterOneIsRefused() {
    // given: the first answer is a 2xx without an id (the message may be out), the second 131026
    graph.stubFor(
        post(urlEqualTo(PATH))
            .inScenario("unknown then refused")
            .whenScenarioStateIs("Started")
            .willReturn(okJson("{\"messaging_product\":\"whatsapp\"}"))
            .willSetStateTo("refusing"));
    graph.stubFor(
        post(urlEqualTo(PATH))
            .inScenario("unknown then refused")
            .whenScenarioStateIs("refusing")
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":{\"message\":\"(#131026) Message undeliverable\","
                            + "\"type\":\"OAuthException\",\"code\":131026}}")));

    // when
    DeliveryOutcome outcome = channel(3).deliver(message(), START.plusSeconds(60));

    // then: not RECIPIENT_UNREACHABLE, which would hand the same code to a second, paid channel
    assertThat(outcome)
        .isInstanceOfSatisfying(
            DeliveryOutcome.Failed.class,
            failed -> {
              assertThat(failed.kind()).isEqualTo(FailureKind.OUTCOME_UNKNOWN);
              assertThat(failed.errorCode()).isEqualTo(131026);
              assertThat(failed.reason())
                  .endsWith("an earlier attempt may have reached the provider");
            });
    graph.verify(2, postRequestedFor(urlEqualTo(PATH)));
  }
}
