package dev.cognitowa.otp.sender.wiring;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cognitowa.otp.sender.config.SenderConfig;
import dev.cognitowa.otp.sender.delivery.MessagePolicy;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import java.util.HashMap;
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

    // then: the ledger's PutItem and UpdateItem and the limits' three UpdateItems per round
    assertThat(served).isEqualTo(5 * Priming.ROUNDS);
  }

  @Test
  void primeChannels_shouldDeliverThroughEveryAwsChannelOnCannedAnswers_whenTheChainListsThem() {
    // given: no AWS endpoint is reachable; real-looking settings for all three AWS channels
    Map<String, String> env = new HashMap<>();
    env.put("WHATSAPP_PHONE_NUMBER_ID", TestSecrets.PHONE_NUMBER_ID);
    env.put("WHATSAPP_ACCESS_TOKEN", TestSecrets.ACCESS_TOKEN);
    env.put("OTP_CHANNELS", "whatsapp,whatsapp-eum,sms,sns");
    env.put("EUM_WHATSAPP_PHONE_NUMBER_ID", "phone-number-id-0123456789abcdef0123456789abcdef");
    env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:9"); // discard port: a real call would fail
    SenderConfig config = SenderConfig.channelFromEnvironment(env);

    // when
    int delivered = Priming.primeChannels(config, env);

    // then
    assertThat(delivered).isEqualTo(3);
  }

  @Test
  void primeChannels_shouldDoNothing_whenTheChainIsTheCloudApiAlone() {
    // given
    Map<String, String> env = new HashMap<>();
    env.put("WHATSAPP_PHONE_NUMBER_ID", TestSecrets.PHONE_NUMBER_ID);
    env.put("WHATSAPP_ACCESS_TOKEN", TestSecrets.ACCESS_TOKEN);
    SenderConfig config = SenderConfig.channelFromEnvironment(env);

    // when / then
    assertThat(Priming.primeChannels(config, env)).isZero();
  }
}
