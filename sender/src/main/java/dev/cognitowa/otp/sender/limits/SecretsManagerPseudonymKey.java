package dev.cognitowa.otp.sender.limits;

import dev.cognitowa.otp.sender.support.BoundedCall;
import dev.cognitowa.otp.sender.support.SdkCallTimeouts;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * Reads the pseudonym key from Secrets Manager ({@code OTP_PSEUDONYM_KEY_SECRET_ID}): the secret's
 * string as it is, at least {@link NumberPseudonyms#MIN_KEY_LENGTH} characters. A failure sends
 * nothing (the limits fail closed) and the next send asks again.
 */
public final class SecretsManagerPseudonymKey implements NumberPseudonyms.KeySource {
  private final SecretsManagerClient client;
  private final String secretId;
  private final Clock clock;

  public SecretsManagerPseudonymKey(SecretsManagerClient client, String secretId, Clock clock) {
    this.client = client;
    this.secretId = secretId;
    this.clock = clock;
  }

  @Override
  public byte[] load(Instant deadline) {
    Duration left = Duration.between(clock.instant(), deadline);
    String value;
    try {
      value =
          BoundedCall.within(
              left,
              () ->
                  client
                      .getSecretValue(
                          r ->
                              r.secretId(secretId)
                                  .overrideConfiguration(SdkCallTimeouts.within(left)))
                      .secretString(),
              () -> {});
    } catch (BoundedCall.DeadlineExceededException e) {
      throw new SendLimitsUnavailableException(
          "Secrets Manager did not answer in time for the pseudonym key " + secretId);
    } catch (SecretsManagerException e) {
      throw new SendLimitsUnavailableException(
          "cannot read the pseudonym key "
              + secretId
              + ": "
              + (e.awsErrorDetails() == null
                  ? "HTTP " + e.statusCode()
                  : e.awsErrorDetails().errorCode()));
    } catch (SdkException e) {
      throw new SendLimitsUnavailableException(
          "cannot read the pseudonym key " + secretId + ": " + e.getClass().getSimpleName());
    }
    if (value == null || value.strip().length() < NumberPseudonyms.MIN_KEY_LENGTH) {
      throw new SendLimitsUnavailableException(
          "the pseudonym key "
              + secretId
              + " is shorter than "
              + NumberPseudonyms.MIN_KEY_LENGTH
              + " characters");
    }
    return value.strip().getBytes(StandardCharsets.UTF_8);
  }
}
