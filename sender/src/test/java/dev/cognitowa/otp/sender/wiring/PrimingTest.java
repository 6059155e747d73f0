package dev.cognitowa.otp.sender.wiring;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cognitowa.otp.sender.config.SenderConfig;
import dev.cognitowa.otp.sender.delivery.MessagePolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PrimingTest {
  @RegisterExtension
  static WireMockExtension anyServer =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void run_shouldExerciseTheHotPathWithoutAnyNetworkCall_whenCalledBeforeASnapshot() {
    // given: a configuration whose every endpoint is a server that records what reaches it
    SenderConfig config =
        SenderConfig.channelFromEnvironment(
            Map.of(
                "WHATSAPP_PHONE_NUMBER_ID",
                "1",
                "WHATSAPP_ACCESS_TOKEN",
                "EAApriming-test-token",
                "WHATSAPP_API_BASE_URL",
                anyServer.baseUrl()));

    // when / then
    assertThatCode(() -> Priming.run(new MessagePolicy(config.templates())))
        .doesNotThrowAnyException();
    anyServer.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void primeKmsCallPath_shouldRunEveryRoundOnTheCannedAnswer_whenNoKmsIsReachable() {
    // when: no AWS endpoint, region or credentials come from the environment; the client answers
    // locally
    int served = Priming.primeKmsCallPath();

    // then
    assertThat(served).isEqualTo(Priming.ROUNDS);
  }

  @Test
  void
      primeLedgerCallPath_shouldClaimAndRecordEveryRoundOnCannedAnswers_whenNoDynamoDbIsReachable() {
    // when
    int served = Priming.primeLedgerCallPath();

    // then: a PutItem and an UpdateItem per round
    assertThat(served).isEqualTo(2 * Priming.ROUNDS);
  }
}
