package dev.cognitowa.otp.sender.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitowa.otp.sender.event.TriggerSource;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SourceFamilyTest {
  static Stream<Arguments> sends() {
    return Stream.of(
        Arguments.of(TriggerSource.SIGN_UP, Optional.of(SourceFamily.SIGN_UP)),
        Arguments.of(TriggerSource.RESEND_CODE, Optional.of(SourceFamily.SIGN_UP)),
        Arguments.of(TriggerSource.FORGOT_PASSWORD, Optional.of(SourceFamily.FORGOT_PASSWORD)),
        Arguments.of(TriggerSource.AUTHENTICATION, Optional.of(SourceFamily.SIGN_IN)),
        Arguments.of(TriggerSource.ADMIN_CREATE_USER, Optional.of(SourceFamily.TEMPORARY_PASSWORD)),
        Arguments.of(TriggerSource.UPDATE_USER_ATTRIBUTE, Optional.empty()),
        Arguments.of(TriggerSource.VERIFY_USER_ATTRIBUTE, Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sends")
  void of_shouldNameTheFamilyATriggerProves(TriggerSource source, Optional<SourceFamily> family) {
    assertThat(SourceFamily.of(source)).isEqualTo(family);
  }

  static Stream<Arguments> proofs() {
    return Stream.of(
        Arguments.of("PostConfirmation_ConfirmSignUp", List.of(SourceFamily.SIGN_UP)),
        Arguments.of(
            "PostConfirmation_ConfirmForgotPassword", List.of(SourceFamily.FORGOT_PASSWORD)),
        Arguments.of(
            "PostAuthentication_Authentication",
            List.of(SourceFamily.SIGN_IN, SourceFamily.TEMPORARY_PASSWORD)),
        Arguments.of("PreSignUp_SignUp", List.of()),
        Arguments.of("CustomSMSSender_SignUp", List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("proofs")
  void provedBy_shouldListTheFamiliesInLookUpOrder(String source, List<SourceFamily> families) {
    assertThat(SourceFamily.provedBy(source)).isEqualTo(families);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sends")
  void converts_shouldBeTrueOnlyForCodesUsedWithinMinutes(
      TriggerSource source, Optional<SourceFamily> family) {
    assertThat(family.map(SourceFamily::converts).orElse(false))
        .isEqualTo(
            source != TriggerSource.ADMIN_CREATE_USER
                && source != TriggerSource.UPDATE_USER_ATTRIBUTE
                && source != TriggerSource.VERIFY_USER_ATTRIBUTE);
  }
}
