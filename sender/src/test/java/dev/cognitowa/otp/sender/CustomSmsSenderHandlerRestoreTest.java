package dev.cognitowa.otp.sender;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cognitowa.otp.sender.delivery.DeliveryFailedException;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.support.Sensitive;
import dev.cognitowa.otp.sender.testutils.Events;
import dev.cognitowa.otp.sender.testutils.MutableClock;
import dev.cognitowa.otp.sender.testutils.TestCiphertexts;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import dev.cognitowa.otp.sender.whatsapp.CloudApiClient;
import dev.cognitowa.otp.sender.whatsapp.RetryPolicy;
import dev.cognitowa.otp.sender.whatsapp.StaticAccessTokenProvider;
import dev.cognitowa.otp.sender.whatsapp.WhatsAppChannel;
import dev.cognitowa.otp.sender.whatsapp.WhatsAppSettings;
import dev.cognitowa.otp.sender.wiring.SenderWiring;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SnapStart: containers restored from one snapshot share its memory, the retry jitter's generator
 * included.
 */
class CustomSmsSenderHandlerRestoreTest {
  private static final String MESSAGES_PATH = "/v26.0/" + TestSecrets.PHONE_NUMBER_ID + "/messages";

  /** The jitter generator's state in the snapshot, the same in every container restored from it. */
  private static final long SNAPSHOT_SEED = 42;

  @RegisterExtension
  static WireMockExtension graph =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @BeforeEach
  void setUp() {
    graph.stubFor(
        post(urlEqualTo(MESSAGES_PATH))
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":{\"message\":\"(#2) Service temporarily unavailable\",\"code\":2}}")));
  }

  /**
   * One container from the snapshot: restored (or not), then one event that Graph keeps failing;
   * its retry waits.
   */
  private static List<Duration> retryWaitsOfAContainer(boolean restored) {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    List<Duration> waits = new ArrayList<>();
    WhatsAppSettings settings =
        new WhatsAppSettings(
            URI.create(graph.baseUrl()),
            "v26.0",
            TestSecrets.PHONE_NUMBER_ID,
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            4);
    WhatsAppChannel channel =
        new WhatsAppChannel(
            new CloudApiClient(settings),
            new StaticAccessTokenProvider(Sensitive.of(TestSecrets.ACCESS_TOKEN)),
            new RetryPolicy(4, new Random(SNAPSHOT_SEED)),
            Duration.ofSeconds(2),
            clock,
            wait -> {
              waits.add(wait);
              clock.advance(wait);
            });
    CustomSmsSenderHandler handler =
        new CustomSmsSenderHandler(
            TestCiphertexts.localDecryptor(),
            SenderWiring.fromEnvironment(CustomSmsSenderHandlerTest.environment(graph.baseUrl()))
                .policy(),
            channel,
            Optional.empty(),
            line -> {},
            clock);
    if (restored) {
      handler.afterRestore(null);
    }
    byte[] event =
        Events.encrypted(TriggerSource.SIGN_UP, TestSecrets.CODE).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> handler.deliver(event, clock.instant().plusSeconds(60), "req"))
        .isInstanceOf(DeliveryFailedException.class);
    return waits;
  }

  @Test
  void afterRestore_shouldGiveEachContainerItsOwnRetryJitter_whenTheyWereRestoredFromOneSnapshot() {
    // given: without the restore hook, two containers wait exactly alike
    assertThat(retryWaitsOfAContainer(false)).hasSize(3).isEqualTo(retryWaitsOfAContainer(false));

    // when
    List<Duration> first = retryWaitsOfAContainer(true);
    List<Duration> second = retryWaitsOfAContainer(true);

    // then
    assertThat(first).hasSize(3).isNotEqualTo(second);
  }
}
