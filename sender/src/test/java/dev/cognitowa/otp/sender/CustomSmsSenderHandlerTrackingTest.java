package dev.cognitowa.otp.sender;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cognitowa.otp.sender.delivery.ChannelChain;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome.Delivered;
import dev.cognitowa.otp.sender.delivery.MessageChannel;
import dev.cognitowa.otp.sender.delivery.MessageRef;
import dev.cognitowa.otp.sender.delivery.OtpMessage;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.testutils.Dynalite;
import dev.cognitowa.otp.sender.testutils.Events;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import dev.cognitowa.otp.sender.testutils.Wamids;
import dev.cognitowa.otp.sender.tracking.DynamoDbMessageLedger;
import dev.cognitowa.otp.sender.tracking.MessageLedger;
import dev.cognitowa.otp.sender.wiring.SenderWiring;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the sender keeps for a late {@code failed} status: one item per message accepted while a
 * later channel is left, for the fallback window only, holding the ciphertext and never the code.
 */
class CustomSmsSenderHandlerTrackingTest {
  private static final String MESSAGES_PATH = "/v26.0/" + TestSecrets.PHONE_NUMBER_ID + "/messages";
  private static final Duration WINDOW = Duration.ofMinutes(5);

  @RegisterExtension
  static WireMockExtension graph =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension static Dynalite dynalite = new Dynalite();

  private final List<String> logLines = new ArrayList<>();
  private final MessageLedger messages =
      new DynamoDbMessageLedger(dynalite.client(), Dynalite.TABLE, WINDOW, Clock.systemUTC());

  /** A last channel that accepts everything. */
  private static final class AcceptingSms implements MessageChannel {
    @Override
    public String name() {
      return "sms";
    }

    @Override
    public DeliveryOutcome deliver(OtpMessage message, Instant deadline) {
      return Delivered.accepted("sms", "sms-tracking-1", 1);
    }
  }

  private CustomSmsSenderHandler handler(boolean withSms) {
    SenderWiring wiring =
        SenderWiring.fromEnvironment(CustomSmsSenderHandlerTest.environment(graph.baseUrl()));
    MessageChannel channel =
        withSms ? ChannelChain.of(List.of(wiring.channel(), new AcceptingSms())) : wiring.channel();
    return new CustomSmsSenderHandler(
        wiring.decryptor(),
        wiring.policy(),
        channel,
        Optional.empty(),
        Optional.of(messages),
        Optional.empty(),
        Optional.of(TestSecrets.USER_POOL_ID),
        logLines::add,
        Clock.systemUTC());
  }

  private static void whatsAppAccepts(String wamid) {
    graph.stubFor(
        post(urlEqualTo(MESSAGES_PATH))
            .willReturn(
                okJson(
                    "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\""
                        + wamid
                        + "\"}]}")));
  }

  @Test
  void deliver_shouldKeepTheCiphertextForTheWindow_whenWhatsAppAcceptsAndSmsIsLeft()
      throws Exception {
    // given
    String wamid = Wamids.of(TestSecrets.PHONE, 2);
    whatsAppAccepts(wamid);
    String event = Events.encrypted(TriggerSource.SIGN_UP, TestSecrets.CODE);
    String ciphertext = (String) ((Map<?, ?>) JSON.std.mapFrom(event).get("request")).get("code");
    Instant before = Instant.now();

    // when
    handler(true)
        .deliver(event.getBytes(StandardCharsets.UTF_8), Instant.now().plusSeconds(10), "req-1");

    // then
    Map<String, AttributeValue> item =
        dynalite.item(DynamoDbMessageLedger.key(MessageRef.of(wamid)));
    assertThat(item.get("ciphertext").s()).isEqualTo(ciphertext);
    assertThat(item.get("phoneNumber").s()).isEqualTo(TestSecrets.PHONE);
    assertThat(item.get("channel").s()).isEqualTo("whatsapp");
    assertThat(item.get("channelIndex").n()).isEqualTo("0");
    assertThat(item.get("triggerSource").s()).isEqualTo("CustomSMSSender_SignUp");
    assertThat(item.get("language").s()).isEqualTo("en_US");
    long sentAt = Long.parseLong(item.get("sentAt").n());
    assertThat(sentAt).isGreaterThanOrEqualTo(before.toEpochMilli());
    assertThat(Long.parseLong(item.get("expiresAt").n()))
        .isEqualTo(
            Instant.ofEpochMilli(sentAt)
                    .plus(WINDOW)
                    .plus(MessageLedger.EXPIRY_MARGIN)
                    .getEpochSecond()
                + 1);
    assertThat(item.toString()).doesNotContain(TestSecrets.CODE).doesNotContain(wamid);
    assertThat(logLines).singleElement().asString().contains("\"tracked\":true");
  }

  @Test
  void deliver_shouldKeepNothing_whenTheChannelThatAcceptedIsTheLast() {
    // given: WhatsApp refuses the number, SMS (the last channel) delivers
    graph.stubFor(
        post(urlEqualTo(MESSAGES_PATH))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":{\"message\":\"(#131026) Message undeliverable\","
                            + "\"type\":\"OAuthException\",\"code\":131026}}")));

    // when
    handler(true)
        .deliver(
            Events.encrypted(TriggerSource.SIGN_UP, TestSecrets.CODE)
                .getBytes(StandardCharsets.UTF_8),
            Instant.now().plusSeconds(10),
            "req-2");

    // then
    assertThat(dynalite.item(DynamoDbMessageLedger.key(MessageRef.of("sms-tracking-1")))).isEmpty();
    assertThat(logLines).singleElement().asString().doesNotContain("tracked");
  }

  @Test
  void deliver_shouldKeepNothing_whenWhatsAppIsTheOnlyChannel() {
    // given
    String wamid = Wamids.of(TestSecrets.PHONE, 3);
    whatsAppAccepts(wamid);

    // when
    handler(false)
        .deliver(
            Events.encrypted(TriggerSource.SIGN_UP, TestSecrets.CODE)
                .getBytes(StandardCharsets.UTF_8),
            Instant.now().plusSeconds(10),
            "req-3");

    // then
    assertThat(dynalite.item(DynamoDbMessageLedger.key(MessageRef.of(wamid)))).isEmpty();
  }

  @Test
  void deliver_shouldKeepNothing_whenTheMessageCarriesATemporaryPassword() {
    // given: a temporary password stays valid for days; its ciphertext is not kept even encrypted
    String wamid = Wamids.of(TestSecrets.PHONE, 4);
    whatsAppAccepts(wamid);

    // when
    handler(true)
        .deliver(
            Events.encrypted(
                    TriggerSource.ADMIN_CREATE_USER, TestSecrets.TEMPORARY_PASSWORD_ESCAPED)
                .getBytes(StandardCharsets.UTF_8),
            Instant.now().plusSeconds(10),
            "req-4");

    // then
    assertThat(dynalite.item(DynamoDbMessageLedger.key(MessageRef.of(wamid)))).isEmpty();
    assertThat(logLines).singleElement().asString().doesNotContain("tracked");
  }
}
