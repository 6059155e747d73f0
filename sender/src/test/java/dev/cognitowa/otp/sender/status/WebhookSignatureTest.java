package dev.cognitowa.otp.sender.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitowa.otp.sender.support.Sensitive;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The header's format against a published HMAC-SHA256 vector, and what counts as malformed. */
class WebhookSignatureTest {
  /** RFC 4231, test case 2: the key "Jefe". */
  private static final String RFC_SECRET = "Jefe";

  private static final byte[] RFC_DATA =
      "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);

  @Test
  void headerFor_shouldMatchRfc4231_whenSigningItsTestCase2() {
    // when
    String header = WebhookSignature.headerFor(Sensitive.of(RFC_SECRET), RFC_DATA);

    // then
    assertThat(header)
        .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void verifies_shouldAcceptUpperCaseHex_whenTheDigestIsRight() {
    // given
    String header = WebhookSignature.headerFor(Sensitive.of(RFC_SECRET), RFC_DATA);

    // when
    boolean upper =
        WebhookSignature.verifies(
            Sensitive.of(RFC_SECRET),
            RFC_DATA,
            "sha256=" + header.substring(7).toUpperCase(java.util.Locale.ROOT));

    // then
    assertThat(upper).isTrue();
  }

  @Test
  void verifies_shouldRefuse_whenTheHeaderIsMissingOrMalformed() {
    // given
    Sensitive secret = Sensitive.of(RFC_SECRET);
    String good = WebhookSignature.headerFor(secret, RFC_DATA);

    // then
    assertThat(WebhookSignature.verifies(secret, RFC_DATA, null)).isFalse();
    assertThat(WebhookSignature.verifies(secret, RFC_DATA, "")).isFalse();
    assertThat(WebhookSignature.verifies(secret, RFC_DATA, good.substring(0, good.length() - 1)))
        .isFalse();
    assertThat(WebhookSignature.verifies(secret, RFC_DATA, good + "0")).isFalse();
    assertThat(WebhookSignature.verifies(secret, RFC_DATA, "sha1=" + good.substring(7))).isFalse();
    assertThat(WebhookSignature.verifies(secret, RFC_DATA, "sha256=" + "zz".repeat(32))).isFalse();
  }
}
