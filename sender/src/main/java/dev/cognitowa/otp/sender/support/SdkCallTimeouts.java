package dev.cognitowa.otp.sender.support;

import java.time.Duration;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;

/** Per-request AWS SDK timeouts derived from the time an invocation has left. */
public final class SdkCallTimeouts {
  /**
   * KMS and Secrets Manager answer in tens of milliseconds; an attempt still silent after 2 s is
   * hung, and the SDK's retry on a fresh connection does better than waiting on it.
   */
  static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);

  /**
   * Lambda's longest timeout: no call needs more, and it keeps "no deadline" (Instant.MAX) within
   * the SDK's range.
   */
  static final Duration MAX_CALL_TIMEOUT = Duration.ofMinutes(15);

  private SdkCallTimeouts() {}

  /**
   * Per-request timeouts from the time left: the whole call, the SDK's retries and their backoff
   * included, ends within {@code left}, and no single attempt takes longer than {@link
   * #ATTEMPT_TIMEOUT}.
   */
  public static Consumer<AwsRequestOverrideConfiguration.Builder> within(Duration left) {
    Duration call =
        left.compareTo(Duration.ofMillis(1)) < 0
            ? Duration.ofMillis(1)
            : left.compareTo(MAX_CALL_TIMEOUT) > 0 ? MAX_CALL_TIMEOUT : left;
    Duration attempt = call.compareTo(ATTEMPT_TIMEOUT) < 0 ? call : ATTEMPT_TIMEOUT;
    return b -> b.apiCallTimeout(call).apiCallAttemptTimeout(attempt);
  }
}
