package dev.cognitowa.otp.sender.crypto;

import dev.cognitowa.otp.sender.support.SdkCallTimeouts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.DecryptResponse;

/**
 * The shared KMS client as one decryption sees it: every Decrypt the Encryption SDK makes through
 * it carries per-request API-call and attempt timeouts taken from that decryption's deadline. The
 * Encryption SDK builds its requests itself, so this is where the deadline can be added; the SDK's
 * own request options are kept.
 */
final class DeadlineKmsClient implements KmsClient {
  private final KmsClient delegate;
  private final Instant deadline;
  private final Clock clock;

  DeadlineKmsClient(KmsClient delegate, Instant deadline, Clock clock) {
    this.delegate = delegate;
    this.deadline = deadline;
    this.clock = clock;
  }

  @Override
  public DecryptResponse decrypt(DecryptRequest request) {
    Duration left = Duration.between(clock.instant(), deadline);
    AwsRequestOverrideConfiguration options =
        request
            .overrideConfiguration()
            .map(AwsRequestOverrideConfiguration::toBuilder)
            .orElseGet(AwsRequestOverrideConfiguration::builder)
            .applyMutation(SdkCallTimeouts.within(left))
            .build();
    return delegate.decrypt(request.toBuilder().overrideConfiguration(options).build());
  }

  @Override
  public String serviceName() {
    return delegate.serviceName();
  }

  @Override
  public void close() {
    // the shared client outlives this per-decryption view
  }
}
