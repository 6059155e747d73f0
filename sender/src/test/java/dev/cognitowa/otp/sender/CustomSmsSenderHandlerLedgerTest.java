package dev.cognitowa.otp.sender;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.ob.JSON;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cognitowa.otp.sender.delivery.DeliveryFailedException;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.delivery.MessageRef;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.idempotency.Claim;
import dev.cognitowa.otp.sender.idempotency.DeliveryInProgressException;
import dev.cognitowa.otp.sender.idempotency.DeliveryKey;
import dev.cognitowa.otp.sender.idempotency.DeliveryLedger;
import dev.cognitowa.otp.sender.idempotency.DeliveryLedgerUnavailableException;
import dev.cognitowa.otp.sender.idempotency.DynamoDbDeliveryLedger;
import dev.cognitowa.otp.sender.idempotency.LedgerEntry;
import dev.cognitowa.otp.sender.testutils.Dynalite;
import dev.cognitowa.otp.sender.testutils.Events;
import dev.cognitowa.otp.sender.testutils.InMemoryDeliveryLedger;
import dev.cognitowa.otp.sender.testutils.TestLambdaContext;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import dev.cognitowa.otp.sender.testutils.Wamids;
import dev.cognitowa.otp.sender.wiring.SenderWiring;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The handler with the delivery ledger on: configured as the Lambda is (OTP_LEDGER_TABLE), the real
 * SDK against dynalite and the real channel against a loopback Graph stand-in.
 */
class CustomSmsSenderHandlerLedgerTest {
  private static final String MESSAGES_PATH = "/v26.0/" + TestSecrets.PHONE_NUMBER_ID + "/messages";
  private static final String WAMID = Wamids.of(TestSecrets.PHONE, 1);
  private static final String ACCEPTED =
      "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"" + WAMID + "\"}]}";

  @RegisterExtension
  static WireMockExtension graph =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension static Dynalite dynalite = new Dynalite();

  private final List<String> logLines = Collections.synchronizedList(new ArrayList<>());
  private final ExecutorService threads = Executors.newFixedThreadPool(2);
  private Map<String, String> env;

  @BeforeEach
  void setUp() {
    graph.stubFor(post(urlEqualTo(MESSAGES_PATH)).willReturn(okJson(ACCEPTED)));
    env = CustomSmsSenderHandlerTest.environment(graph.baseUrl());
    env.putAll(dynalite.environment());
    // these tests send many codes to one number: the abuse limits have tests of their own
    env.put("OTP_LIMIT_PER_NUMBER_15MIN", "0");
    env.put("OTP_LIMIT_PER_NUMBER_DAY", "0");
  }

  @AfterEach
  void tearDown() {
    threads.shutdownNow();
  }

  private CustomSmsSenderHandler handler() {
    return new CustomSmsSenderHandler(
        env,
        line -> {
          logLines.add(line);
          System.out.println(line); // seen by the suite's output guard
        });
  }

  private static DeliveryOutcome.Delivered deliver(CustomSmsSenderHandler handler, String event) {
    return handler.deliver(
        event.getBytes(StandardCharsets.UTF_8), Instant.now().plusSeconds(10), "req-ledger");
  }

  private static DeliveryKey keyOf(String event) throws Exception {
    Map<String, Object> map = JSON.std.mapFrom(event);
    return DeliveryKey.of(
        (String) map.get("userPoolId"),
        (String) map.get("userName"),
        TriggerSource.fromWireName((String) map.get("triggerSource")).orElseThrow(),
        (String) ((Map<?, ?>) map.get("request")).get("code"));
  }

  private static DeliveryLedger ledger() {
    return new DynamoDbDeliveryLedger(dynalite.client(), Dynalite.TABLE, Clock.systemUTC());
  }

  private Map<String, Object> lastLogLine() throws Exception {
    return JSON.std.mapFrom(logLines.get(logLines.size() - 1));
  }

  @Test
  void deliver_shouldSendNothingAndAnswerTheRecordedResult_whenTheEventWasAlreadySent()
      throws Exception {
    // given
    String event = Events.encrypted(TriggerSource.SIGN_UP, TestSecrets.CODE);
    deliver(handler(), event);

    // when: Lambda's retry, in another container
    DeliveryOutcome.Delivered again = deliver(handler(), event);

    // then
    assertThat(again)
        .isEqualTo(new DeliveryOutcome.Delivered("whatsapp", MessageRef.of(WAMID), 1, true));
    graph.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
    assertThat(lastLogLine())
        .containsEntry("outcome", "sent")
        .containsEntry("duplicate", true)
        .containsEntry("channel", "whatsapp")
        .containsEntry("messageId", MessageRef.of(WAMID))
        .containsEntry("attempts", 1);
  }

  @Test
  void deliver_shouldSendExactlyOnce_whenTwoHandlersRaceOnOneEvent() throws Exception {
    // given: Graph takes 400 ms, so the second claim arrives while the first is sending
    graph.stubFor(post(urlEqualTo(MESSAGES_PATH)).willReturn(okJson(ACCEPTED).withFixedDelay(400)));
    int rounds = 3;
    for (int round = 0; round < rounds; round++) {
      String event = Events.encrypted(TriggerSource.AUTHENTICATION, TestSecrets.CODE);
      CustomSmsSenderHandler first = handler();
      CustomSmsSenderHandler second = handler();
      CountDownLatch go = new CountDownLatch(1);

      // when
      Future<Object> a = threads.submit(race(go, first, event));
      Future<Object> b = threads.submit(race(go, second, event));
      go.countDown();
      List<Object> results = List.of(a.get(), b.get());

      // then: one sent now; the other was told to wait, or (had it come later) answered the record
      assertThat(results)
          .filteredOn(r -> r instanceof DeliveryOutcome.Delivered d && !d.duplicate())
          .hasSize(1);
      assertThat(results)
          .filteredOn(
              r ->
                  r instanceof DeliveryInProgressException
                      || (r instanceof DeliveryOutcome.Delivered d && d.duplicate()))
          .hasSize(1);
    }
    graph.verify(rounds, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
  }

  private static Callable<Object> race(
      CountDownLatch go, CustomSmsSenderHandler handler, String event) {
    return () -> {
      go.await();
      try {
        return deliver(handler, event);
      } catch (RuntimeException e) {
        return e;
      }
    };
  }

  @Test
  void handleRequest_shouldFailRetryablyWithoutSending_whenAnotherInvocationHoldsTheClaim()
      throws Exception {
    // given
    String event = Events.encrypted(TriggerSource.FORGOT_PASSWORD, TestSecrets.CODE);
    ledger().claim(keyOf(event), Instant.now().plusSeconds(60));

    // when / then
    assertThatThrownBy(
            () ->
                handler()
                    .handleRequest(
                        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                        new ByteArrayOutputStream(),
                        new TestLambdaContext(10_000)))
        .isInstanceOf(DeliveryInProgressException.class)
        .hasNoCause()
        .hasMessageContaining("nothing sent");
    graph.verify(0, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
    assertThat(lastLogLine())
        .containsEntry("outcome", "in_progress")
        .containsEntry("level", "WARN")
        .containsKey("leaseUntil");
  }

  @Test
  void deliver_shouldSend_whenAnEarlierInvocationsClaimHasExpired() throws Exception {
    // given: an invocation claimed the event and died; its lease ended at its deadline
    String event = Events.encrypted(TriggerSource.SIGN_UP, TestSecrets.CODE);
    ledger().claim(keyOf(event), Instant.now().minusSeconds(1));

    // when
    DeliveryOutcome.Delivered delivered = deliver(handler(), event);

    // then
    assertThat(delivered.duplicate()).isFalse();
    graph.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
    assertThat(ledger().get(keyOf(event)))
        .hasValueSatisfying(entry -> assertThat(entry.status()).isEqualTo(LedgerEntry.Status.SENT));
  }

  @Test
  void deliver_shouldSendAgain_whenTheLastAttemptFailed() throws Exception {
    // given
    graph.stubFor(
        post(urlEqualTo(MESSAGES_PATH))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":{\"message\":\"(#131026) Message undeliverable\",\"code\":131026}}")));
    String event = Events.encrypted(TriggerSource.SIGN_UP, TestSecrets.CODE);
    assertThatThrownBy(() -> deliver(handler(), event)).isInstanceOf(DeliveryFailedException.class);
    graph.stubFor(post(urlEqualTo(MESSAGES_PATH)).willReturn(okJson(ACCEPTED)));

    // when
    DeliveryOutcome.Delivered retried = deliver(handler(), event);

    // then
    assertThat(retried.duplicate()).isFalse();
    graph.verify(2, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
  }

  @Test
  void deliver_shouldRecordOutcomeUnknownAndLetTheRetrySend_whenGraphAcceptsWithoutAMessageId()
      throws Exception {
    // given: one attempt, answered 200 without an id: the code may or may not be on the phone
    env.put("WHATSAPP_MAX_ATTEMPTS", "1");
    graph.stubFor(
        post(urlEqualTo(MESSAGES_PATH)).willReturn(okJson("{\"messaging_product\":\"whatsapp\"}")));
    String event = Events.encrypted(TriggerSource.SIGN_UP, TestSecrets.CODE);

    // when
    assertThatThrownBy(() -> deliver(handler(), event))
        .isInstanceOf(DeliveryFailedException.class)
        .hasMessageContaining("OUTCOME_UNKNOWN");
    graph.stubFor(post(urlEqualTo(MESSAGES_PATH)).willReturn(okJson(ACCEPTED)));
    DeliveryOutcome.Delivered retried = deliver(handler(), event);

    // then: never recorded as sent, so Lambda's retry delivers (a possible duplicate of the same
    // code)
    assertThat(retried.duplicate()).isFalse();
    graph.verify(2, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
  }

  @Test
  void deliver_shouldFailBeforeSending_whenTheLedgerIsUnreachable() throws Exception {
    // given
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      env.put("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + socket.getLocalPort());
    }
    CustomSmsSenderHandler handler = handler();
    String event = Events.encrypted(TriggerSource.SIGN_UP, TestSecrets.CODE);

    // when / then
    assertThatThrownBy(() -> deliver(handler, event))
        .isInstanceOf(DeliveryLedgerUnavailableException.class);
    graph.verify(0, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
    assertThat(lastLogLine())
        .containsEntry("outcome", "ledger_unavailable")
        .containsEntry("level", "ERROR");
  }

  @Test
  void deliver_shouldStillAnswerSent_whenRecordingTheSentMessageFails() throws Exception {
    // given: the ledger claims, then goes away before the outcome is written
    InMemoryDeliveryLedger memory = new InMemoryDeliveryLedger(Clock.systemUTC());
    DeliveryLedger failingAfterClaim =
        new DeliveryLedger() {
          @Override
          public Claim claim(DeliveryKey key, Instant leaseUntil) {
            Claim claim = memory.claim(key, leaseUntil);
            memory.setUnavailable(true);
            return claim;
          }

          @Override
          public boolean markSent(Claim.Claimed claim, DeliveryOutcome.Delivered delivered) {
            return memory.markSent(claim, delivered);
          }

          @Override
          public boolean markFailed(Claim.Claimed claim, DeliveryOutcome.Failed failed) {
            return memory.markFailed(claim, failed);
          }

          @Override
          public Optional<LedgerEntry> get(DeliveryKey key) {
            return memory.get(key);
          }
        };
    SenderWiring wiring =
        SenderWiring.fromEnvironment(CustomSmsSenderHandlerTest.environment(graph.baseUrl()));
    CustomSmsSenderHandler handler =
        new CustomSmsSenderHandler(
            wiring.decryptor(),
            wiring.policy(),
            wiring.channel(),
            Optional.of(failingAfterClaim),
            Optional.empty(),
            logLines::add,
            Clock.systemUTC());

    // when: the code is on its way, so failing now would only make Lambda's retry send it again
    DeliveryOutcome.Delivered delivered =
        deliver(handler, Events.encrypted(TriggerSource.SIGN_UP, TestSecrets.CODE));

    // then
    assertThat(delivered.messageRef()).isEqualTo(MessageRef.of(WAMID));
    assertThat(lastLogLine())
        .containsEntry("outcome", "sent")
        .hasEntrySatisfying("ledger", v -> assertThat((String) v).startsWith("not recorded"));
  }
}
