package dev.cognitowa.otp.sender.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitowa.otp.sender.testutils.TestSecrets;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How Graph's answers are read: what of Graph's own text reaches a log line. */
class CloudApiClientTest {

  @Test
  void interpret_shouldMaskANumberCutAtTheEdge_whenGraphsMessageIsLongerThanTheDescriptionKept() {
    // given: "OAuthException: " (16 characters) + 136 more, then the number, so that the
    // 160-character cut falls
    // after its first six digits
    String message = "x".repeat(136) + " " + TestSecrets.PHONE + " is not a WhatsApp user";
    byte[] body =
        ("{\"error\":{\"message\":\""
                + message
                + "\",\"type\":\"OAuthException\",\"code\":131026}}")
            .getBytes(StandardCharsets.UTF_8);

    // when
    SendResult.Rejected rejected =
        (SendResult.Rejected) CloudApiClient.interpret(400, body, Optional.empty());

    // then: not even the start of the number (country code and area) survives
    assertThat(rejected.description())
        .hasSize(CloudApiClient.MAX_DESCRIPTION_LENGTH)
        .endsWith("+******")
        .doesNotContain(TestSecrets.PHONE_DIGITS.substring(0, 6));
  }
}
