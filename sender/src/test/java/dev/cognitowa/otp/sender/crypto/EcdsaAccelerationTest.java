package dev.cognitowa.otp.sender.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Signature;
import org.junit.jupiter.api.Test;

class EcdsaAccelerationTest {
  @Test
  void installInBackground_shouldInstallOnce_andLeaveTheCallerAtOnce() throws Exception {
    // when
    Thread first = EcdsaAcceleration.installInBackground();
    if (first != null) {
      assertThat(first.isDaemon()).isTrue();
      first.join(10_000);
    }

    // then: installed, and every later call starts nothing
    assertThat(EcdsaAcceleration.installed()).isTrue();
    assertThat(Signature.getInstance("SHA384withECDSA").getProvider().getName())
        .isEqualTo(FastEcdsaVerification.NAME);
    assertThat(EcdsaAcceleration.installInBackground()).isNull();
  }

  @Test
  void installNow_shouldBeIdempotent() throws Exception {
    // when
    EcdsaAcceleration.installNow();
    EcdsaAcceleration.installNow();

    // then: one provider of ours in the list, first
    long ours =
        java.util.Arrays.stream(java.security.Security.getProviders())
            .filter(p -> p.getName().equals(FastEcdsaVerification.NAME))
            .count();
    assertThat(ours).isEqualTo(1);
    assertThat(java.security.Security.getProviders()[0].getName())
        .isEqualTo(FastEcdsaVerification.NAME);
  }
}
