package dev.cognitowa.otp.sender;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.ob.JSON;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cognitowa.otp.sender.delivery.ChannelChain;
import dev.cognitowa.otp.sender.delivery.DeliveryFailedException;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome.Delivered;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome.FailureKind;
import dev.cognitowa.otp.sender.delivery.MessageChannel;
import dev.cognitowa.otp.sender.delivery.MessageRef;
import dev.cognitowa.otp.sender.delivery.OtpMessage;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.idempotency.DeliveryLedger;
import dev.cognitowa.otp.sender.testutils.Events;
import dev.cognitowa.otp.sender.testutils.InMemoryDeliveryLedger;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import dev.cognitowa.otp.sender.wiring.SenderWiring;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The handler with the real WhatsApp channel first and a stand-in second channel: fallback as the
 * log shows it.
 */
class CustomSmsSenderHandlerChainTest {
  private static final String MESSAGES_PATH = "/v26.0/" + TestSecrets.PHONE_NUMBER_ID + "/messages";

  @RegisterExtension
  static WireMockExtension graph =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final List<String> logLines = new java.util.ArrayList<>();

  /** A second channel that accepts every message, counting them. */
  private static final class AcceptingSms implements MessageChannel {
    final AtomicInteger sent = new AtomicInteger();

    @Override
    public String name() {
      return "sms";
    }

    @Override
    public DeliveryOutcome deliver(OtpMessage message, Instant deadline) {
      return Delivered.accepted("sms", "sms-" + sent.incrementAndGet(), 1);
    }
  }

  private static void graphAnswersError(int code, String message) {
    graph.stubFor(
        post(urlEqualTo(MESSAGES_PATH))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":{\"message\":\"(#"
                            + code
                            + ") "
                            + message
                            + "\","
                            + "\"type\":\"OAuthException\",\"code\":"
                            + code
                            + ",\"fbtrace_id\":\"Abc\"}}")));
  }

  private CustomSmsSenderHandler handler(MessageChannel second, Optional<DeliveryLedger> ledger) {
    SenderWiring wiring =
        SenderWiring.fromEnvironment(CustomSmsSenderHandlerTest.environment(graph.baseUrl()));
    MessageChannel chain = ChannelChain.of(List.of(wiring.channel(), second));
    return new CustomSmsSenderHandler(
        wiring.decryptor(),
        wiring.policy(),
        chain,
        ledger,
        Optional.of(TestSecrets.USER_POOL_ID),
        logLines::add,
        Clock.systemUTC());
  }

  private static byte[] event() {
    return Events.encrypted(TriggerSource.SIGN_UP, TestSecrets.CODE)
        .getBytes(StandardCharsets.UTF_8);
  }

  private Map<String, Object> lastLogLine() throws Exception {
    return JSON.std.mapFrom(logLines.get(logLines.size() - 1));
  }

  @Test
  void
      deliver_shouldSendBySmsAndNameWhatsAppInFallbackFrom_whenWhatsAppSaysTheRecipientIsUnreachable()
          throws Exception {
    // given
    graphAnswersError(131026, "Message undeliverable");
    AcceptingSms sms = new AcceptingSms();

    // when
    Delivered delivered =
        handler(sms, Optional.empty()).deliver(event(), Instant.now().plusSeconds(10), "req-1");

    // then
    assertThat(delivered.channel()).isEqualTo("sms");
    assertThat(delivered.fallbackFrom()).containsExactly("whatsapp:131026");
    graph.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
    assertThat(logLines).hasSize(1);
    assertThat(lastLogLine())
        .containsEntry("level", "INFO")
        .containsEntry("outcome", "sent")
        .containsEntry("channel", "sms")
        .containsEntry("messageId", MessageRef.of("sms-1"))
        .containsEntry("fallbackFrom", List.of("whatsapp:131026"))
        .doesNotContainKey("configurationProblem");
    assertThat(logLines.get(0))
        .contains("\"channel\":\"sms\",\"attempts\":1,\"fallbackFrom\":[\"whatsapp:131026\"]");
  }

  @Test
  void deliver_shouldLogTheSentMessageAtError_whenWhatsAppHasAConfigurationProblemAndSmsDelivers()
      throws Exception {
    // given: the template is missing
    graphAnswersError(132001, "Template name does not exist in the translation");

    // when
    handler(new AcceptingSms(), Optional.empty())
        .deliver(event(), Instant.now().plusSeconds(10), "req-1");

    // then: one line, sent, but at ERROR so the operator's alarm sees it
    assertThat(logLines).hasSize(1);
    assertThat(lastLogLine())
        .containsEntry("level", "ERROR")
        .containsEntry("outcome", "sent")
        .containsEntry("channel", "sms")
        .containsEntry("fallbackFrom", List.of("whatsapp:132001"))
        .hasEntrySatisfying(
            "configurationProblem",
            problems ->
                assertThat((List<?>) problems)
                    .singleElement()
                    .asString()
                    .startsWith("whatsapp:132001 "));
  }

  @Test
  void deliver_shouldNameEveryChannelAndThrow_whenTheFallbackFailsToo() throws Exception {
    // given
    graphAnswersError(131026, "Message undeliverable");
    MessageChannel refusingSms =
        new MessageChannel() {
          @Override
          public String name() {
            return "sms";
          }

          @Override
          public DeliveryOutcome deliver(OtpMessage message, Instant deadline) {
            return new DeliveryOutcome.Failed("sms", FailureKind.REJECTED, null, "opted out", 1);
          }
        };

    // when / then
    assertThatThrownBy(
            () ->
                handler(refusingSms, Optional.empty())
                    .deliver(event(), Instant.now().plusSeconds(10), "req-1"))
        .isInstanceOf(DeliveryFailedException.class)
        .hasMessageEndingWith("; earlier: whatsapp:131026")
        .satisfies(
            e ->
                assertThat(((DeliveryFailedException) e).outcome().fallbackFrom())
                    .containsExactly("whatsapp:131026"));
    assertThat(lastLogLine())
        .containsEntry("level", "ERROR")
        .containsEntry("outcome", "failed")
        .containsEntry("channel", "sms")
        .containsEntry("failureKind", "REJECTED")
        .containsEntry("fallbackFrom", List.of("whatsapp:131026"));
  }

  @Test
  void deliver_shouldRecordTheFallbackOnceAndAnswerItsChannel_whenTheEventComesAgain()
      throws Exception {
    // given
    graphAnswersError(131026, "Message undeliverable");
    AcceptingSms sms = new AcceptingSms();
    Optional<DeliveryLedger> ledger = Optional.of(new InMemoryDeliveryLedger(Clock.systemUTC()));
    byte[] event = event();
    handler(sms, ledger).deliver(event, Instant.now().plusSeconds(10), "req-1");

    // when: Lambda's retry
    Delivered again = handler(sms, ledger).deliver(event, Instant.now().plusSeconds(10), "req-2");

    // then
    assertThat(again).isEqualTo(new Delivered("sms", MessageRef.of("sms-1"), 1, true));
    assertThat(sms.sent).hasValue(1);
    graph.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
    assertThat(lastLogLine()).containsEntry("duplicate", true).containsEntry("channel", "sms");
  }
}
