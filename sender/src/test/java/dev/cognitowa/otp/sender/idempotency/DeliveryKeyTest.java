package dev.cognitowa.otp.sender.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitowa.otp.sender.event.TriggerSource;
import org.junit.jupiter.api.Test;

/** The ledger key: stable, unambiguous across field boundaries, and free of its inputs. */
class DeliveryKeyTest {
  @Test
  void of_shouldBeStableBase64UrlSha256_whenGivenTheSameEvent() {
    // when
    DeliveryKey key =
        DeliveryKey.of("eu-west-1_EXAMPLE", "alice", TriggerSource.SIGN_UP, "AYADeCIPHERTEXT");

    // then
    assertThat(key)
        .isEqualTo(
            DeliveryKey.of("eu-west-1_EXAMPLE", "alice", TriggerSource.SIGN_UP, "AYADeCIPHERTEXT"));
    assertThat(key.id())
        .matches("[A-Za-z0-9_-]{43}")
        .doesNotContain("alice", "EXAMPLE", "CIPHERTEXT");
  }

  @Test
  void of_shouldDiffer_whenCharactersMoveAcrossAFieldBoundary() {
    // when / then: without length prefixes "ab"+"c" and "a"+"bc" would hash alike
    assertThat(DeliveryKey.of("pool", "ab", TriggerSource.SIGN_UP, "c"))
        .isNotEqualTo(DeliveryKey.of("pool", "a", TriggerSource.SIGN_UP, "bc"));
  }

  @Test
  void of_shouldDiffer_whenOnlyTheTriggerSourceOrCiphertextDiffers() {
    // given
    DeliveryKey key = DeliveryKey.of("pool", "alice", TriggerSource.SIGN_UP, "c1");

    // when / then
    assertThat(key)
        .isNotEqualTo(DeliveryKey.of("pool", "alice", TriggerSource.RESEND_CODE, "c1"))
        .isNotEqualTo(DeliveryKey.of("pool", "alice", TriggerSource.SIGN_UP, "c2"));
  }
}
