package dev.cognitowa.otp.attach;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CallerPrincipalTest {

  static Stream<Arguments> callers() {
    return Stream.of(
        Arguments.of(
            "arn:aws:sts::111122223333:assumed-role/PoolAdmin/ops",
            Optional.of("arn:aws:iam::111122223333:role/PoolAdmin")),
        Arguments.of(
            "arn:aws-cn:sts::111122223333:assumed-role/Admin/x@example.com",
            Optional.of("arn:aws-cn:iam::111122223333:role/Admin")),
        Arguments.of(
            "arn:aws:iam::111122223333:user/ops/alice",
            Optional.of("arn:aws:iam::111122223333:user/ops/alice")),
        Arguments.of("arn:aws:iam::111122223333:root", Optional.empty()),
        Arguments.of("arn:aws:sts::111122223333:federated-user/bob", Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("callers")
  void policySource_shouldNameTheUserOrRole(String caller, Optional<String> expected) {
    assertThat(CallerPrincipal.policySource(caller)).isEqualTo(expected);
  }
}
