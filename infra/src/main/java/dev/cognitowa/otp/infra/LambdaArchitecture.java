package dev.cognitowa.otp.infra;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awscdk.services.lambda.Architecture;

/**
 * The CPU both functions run on (context key {@code architecture}).
 *
 * <p>x86_64 by default: the Lambda jar carries Amazon Corretto Crypto Provider's linux-x86_64
 * native library, which checks each message's P-384 signature about four times faster than Bouncy
 * Castle once warm. Its linux-aarch_64 build puts its library at the same path inside the jar, so
 * one jar carries one of the two. On arm64 the sender still works, on Bouncy Castle (about 0.75 ms
 * more CPU per message), at Lambda's lower arm64 price per GB-second (docs/explanation/cost.md).
 */
public enum LambdaArchitecture {
  X86_64("x86_64"),
  ARM64("arm64");

  private final String contextName;

  LambdaArchitecture(String contextName) {
    this.contextName = contextName;
  }

  /** The name in the {@code architecture} context key, as Lambda spells it. */
  public String contextName() {
    return contextName;
  }

  /** The CDK's architecture. */
  public Architecture cdk() {
    return this == ARM64 ? Architecture.ARM_64 : Architecture.X86_64;
  }

  /** The architecture of a context value ({@code x86_64} or {@code arm64}, any case). */
  static Optional<LambdaArchitecture> fromContextName(String name) {
    return Arrays.stream(values())
        .filter(a -> a.contextName.equals(name.strip().toLowerCase(Locale.ROOT)))
        .findFirst();
  }
}
