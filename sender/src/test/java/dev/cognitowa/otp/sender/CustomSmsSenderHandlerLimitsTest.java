package dev.cognitowa.otp.sender;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.ob.JSON;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.idempotency.DynamoDbDeliveryLedger;
import dev.cognitowa.otp.sender.limits.DynamoDbLimitCounter;
import dev.cognitowa.otp.sender.limits.LimitSettings;
import dev.cognitowa.otp.sender.limits.SendLimiter;
import dev.cognitowa.otp.sender.limits.SendLimitsUnavailableException;
import dev.cognitowa.otp.sender.testutils.Dynalite;
import dev.cognitowa.otp.sender.testutils.Events;
import dev.cognitowa.otp.sender.testutils.MutableClock;
import dev.cognitowa.otp.sender.testutils.TestLambdaContext;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import dev.cognitowa.otp.sender.wiring.SenderWiring;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The handler with the ledger and the abuse limits on: the real SDK against dynalite, the real
 * Cloud API channel against a loopback Graph stand-in, the limits' windows on an injected clock.
 */
class CustomSmsSenderHandlerLimitsTest {
  private static final String MESSAGES_PATH = "/v26.0/" + TestSecrets.PHONE_NUMBER_ID + "/messages";
  private static final String ACCEPTED =
      "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.LIMITS\"}]}";

  @RegisterExtension
  static WireMockExtension graph =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension static Dynalite dynalite = new Dynalite();

  /** Each test counts in a day of its own: the class shares one table and one phone number. */
  private static final AtomicInteger DAYS = new AtomicInteger();

  private final MutableClock clock =
      new MutableClock(
          Instant.parse("2032-06-01T08:03:00Z").plus(Duration.ofDays(DAYS.getAndIncrement())));
  private final List<String> logLines = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void setUp() {
    graph.stubFor(post(urlEqualTo(MESSAGES_PATH)).willReturn(okJson(ACCEPTED)));
  }

  private CustomSmsSenderHandler handler(DynamoDbClient countersClient) {
    SenderWiring wiring =
        SenderWiring.fromEnvironment(CustomSmsSenderHandlerTest.environment(graph.baseUrl()));
    SendLimiter limits =
        new SendLimiter(
            LimitSettings.fromEnvironment(Map.of("OTP_LIMIT_PER_NUMBER_15MIN", "2")),
            Optional.of(
                new DynamoDbLimitCounter(countersClient, Dynalite.TABLE, Clock.systemUTC())),
            clock);
    return new CustomSmsSenderHandler(
        wiring.decryptor(),
        wiring.policy(),
        wiring.channel(),
        Optional.of(
            new DynamoDbDeliveryLedger(dynalite.client(), Dynalite.TABLE, Clock.systemUTC())),
        Optional.empty(),
        Optional.of(limits),
        Optional.of(TestSecrets.USER_POOL_ID),
        line -> {
          logLines.add(line);
          System.out.println(line); // seen by the suite's output guard
        },
        Clock.systemUTC());
  }

  private static void invoke(CustomSmsSenderHandler handler, String event) throws Exception {
    handler.handleRequest(
        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
        new ByteArrayOutputStream(),
        new TestLambdaContext(10_000));
  }

  private static String newEvent() {
    return Events.encrypted(TriggerSource.SIGN_UP, TestSecrets.CODE); // a fresh ciphertext
  }

  private Map<String, Object> lastLogLine() throws Exception {
    return JSON.std.mapFrom(logLines.get(logLines.size() - 1));
  }

  @Test
  void handleRequest_shouldSendNothingLogTheLimitAndNotThrow_whenTheNumberHasHadItsShare()
      throws Exception {
    // given: two codes sent in this quarter hour, the limit
    CustomSmsSenderHandler handler = handler(dynalite.client());
    invoke(handler, newEvent());
    invoke(handler, newEvent());

    // when: a third code; the invocation ends normally, so Lambda does not retry it
    invoke(handler, newEvent());

    // then
    graph.verify(2, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
    Map<String, Object> line = lastLogLine();
    assertThat(line)
        .containsEntry("level", "WARN")
        .containsEntry("outcome", "refused_by_limit")
        .containsEntry("limit", "OTP_LIMIT_PER_NUMBER_15MIN")
        .containsEntry("failureKind", "REFUSED_BY_LIMIT")
        .containsEntry("attempts", 0)
        .containsEntry("recipient", "+********3456")
        .containsEntry("result", "refused_by_limit");
    assertThat((String) line.get("reason")).contains("2 whatsapp messages to +********3456");
  }

  @Test
  void deliver_shouldNotSpendTheQuota_whenTheLedgerAnswersADuplicate() throws Exception {
    // given: one code sent, then delivered twice more by Lambda
    CustomSmsSenderHandler handler = handler(dynalite.client());
    String event = newEvent();
    invoke(handler, event);
    invoke(handler, event);
    invoke(handler, event);

    // when: a second code, within the limit of two only if the duplicates took nothing
    invoke(handler, newEvent());

    // then
    graph.verify(2, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
    assertThat(lastLogLine()).containsEntry("outcome", "sent").containsEntry("result", "sent");
  }

  @Test
  void handleRequest_shouldAdmitTheNumberAgain_whenTheNextQuarterHourStarts() throws Exception {
    // given: the limit reached at 08:03, refused at 08:14:59
    CustomSmsSenderHandler handler = handler(dynalite.client());
    invoke(handler, newEvent());
    invoke(handler, newEvent());
    clock.advance(Duration.ofMinutes(11).plusSeconds(59));
    invoke(handler, newEvent());
    assertThat(lastLogLine()).containsEntry("outcome", "refused_by_limit");

    // when: 08:15:00
    clock.advance(Duration.ofSeconds(1));
    invoke(handler, newEvent());

    // then
    assertThat(lastLogLine()).containsEntry("outcome", "sent");
    graph.verify(3, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
  }

  @Test
  void handleRequest_shouldFailBeforeSending_whenTheLimitsCannotBeChecked() throws Exception {
    // given: the ledger answers, the counters' endpoint has nothing listening
    URI closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
    CustomSmsSenderHandler handler =
        handler(
            DynamoDbClient.builder()
                .endpointOverride(closed)
                .region(Region.EU_WEST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build());

    // when / then: thrown, so Lambda retries a minute later
    assertThatThrownBy(() -> invoke(handler, newEvent()))
        .isInstanceOf(SendLimitsUnavailableException.class)
        .hasMessageStartingWith("send limits unavailable");
    graph.verify(0, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
    assertThat(lastLogLine())
        .containsEntry("level", "ERROR")
        .containsEntry("outcome", "limits_unavailable")
        .containsEntry("result", "limits_unavailable");
  }
}
