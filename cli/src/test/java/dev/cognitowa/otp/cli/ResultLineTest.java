package dev.cognitowa.otp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitowa.otp.sender.delivery.DeliveryOutcome.Delivered;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome.Failed;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome.FailureKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The result line's fallback field: present exactly when earlier channels failed. */
class ResultLineTest {
  private static final Failed WHATSAPP_UNREACHABLE =
      new Failed("whatsapp", FailureKind.RECIPIENT_UNREACHABLE, 131026, "undeliverable", 1);

  @Test
  void sent_shouldNameTheEarlierChannels_whenTheMessageWentThroughAFallback() {
    // given
    Delivered delivered = new Delivered("sms", "sms-1", 1, false, List.of(WHATSAPP_UNREACHABLE));

    // when
    String line = ResultLine.sent(delivered);

    // then
    assertThat(line)
        .isEqualTo(
            "{\"status\":\"sent\",\"channel\":\"sms\",\"messageId\":\"sms-1\",\"attempts\":1,"
                + "\"fallbackFrom\":[\"whatsapp:131026\"]}");
  }

  @Test
  void sent_shouldLeaveFallbackFromOut_whenTheFirstChannelDelivered() {
    // given
    Delivered delivered = Delivered.accepted("whatsapp", "wamid.1", 1);

    // when
    String line = ResultLine.sent(delivered);

    // then
    assertThat(line).doesNotContain("fallbackFrom");
  }

  @Test
  void failed_shouldNameEveryChannelTriedBefore_whenTheLastOneFailedToo() {
    // given
    Failed eum = new Failed("whatsapp-eum", FailureKind.TRANSIENT_EXHAUSTED, null, "throttled", 3);
    Failed failed =
        new Failed(
            "sms", FailureKind.REJECTED, null, "opted out", 1, List.of(WHATSAPP_UNREACHABLE, eum));

    // when
    String line = ResultLine.failed(failed);

    // then
    assertThat(line)
        .isEqualTo(
            "{\"status\":\"failed\",\"channel\":\"sms\",\"failureKind\":\"REJECTED\","
                + "\"attempts\":1,\"fallbackFrom\":[\"whatsapp:131026\",\"whatsapp-eum:TRANSIENT_EXHAUSTED\"],"
                + "\"reason\":\"opted out\"}");
  }
}
