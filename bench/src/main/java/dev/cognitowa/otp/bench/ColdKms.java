package dev.cognitowa.otp.bench;

import dev.cognitowa.otp.sender.internal.AwsClients;
import java.util.Locale;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptResponse;

/**
 * The KMS leg of the Lambda's cold path on its own: the sender's KMS client (AWS SDK v2 over the URL connection),
 * built as in the init phase, sends one Decrypt to {@code AWS_ENDPOINT_URL_KMS}. In AWS the handler makes this call
 * once per OTP, in place of the raw AES key the other benchmarks use. Prints {@code {"status":"sent"}} once answered
 * and the phases' wall time on stderr. With {@code -Dbench.primeKms=true} the SDK call path is first run offline
 * (see {@link CannedKmsHttpClient}), as a SnapStart priming hook could, and the first real Decrypt is timed after it.
 */
public final class ColdKms {
  static final String KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/bench";
  /** As many rounds as the handler's own priming runs. */
  private static final int PRIMING_ROUNDS = 5;

  private ColdKms() {}

  public static void main(String[] args) {
    long started = System.nanoTime();
    KmsClient kms = new AwsClients(System.getenv()).kms(KEY_ARN);
    long built = System.nanoTime();
    if (Boolean.getBoolean("bench.primeKms")) {
      prime();
    }
    long primed = System.nanoTime();
    DecryptResponse answer = kms.decrypt(r -> r.keyId(KEY_ARN).ciphertextBlob(SdkBytes.fromByteArray(new byte[] {1})));
    long answered = System.nanoTime();
    System.out.println("{\"status\":\"" + (answer.plaintext().asByteArray().length == 32 ? "sent" : "unexpected")
        + "\"}");
    System.err.printf(Locale.ROOT, "client built %d ms, priming %d ms, first Decrypt %d ms%n",
        (built - started) / 1_000_000, (primed - built) / 1_000_000, (answered - primed) / 1_000_000);
  }

  /** What a priming hook could do: the same SDK call path, offline, on a throwaway client with a canned answer. */
  private static void prime() {
    try (KmsClient offline = KmsClient.builder().httpClient(new CannedKmsHttpClient()).region(Region.EU_WEST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")))
        .build()) {
      for (int i = 0; i < PRIMING_ROUNDS; i++) {
        offline.decrypt(r -> r.keyId(KEY_ARN).ciphertextBlob(SdkBytes.fromByteArray(new byte[] {1})));
      }
    }
  }
}
