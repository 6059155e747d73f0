package dev.cognitowa.otp.bench;

import dev.cognitowa.otp.sender.wiring.AwsClients;
import dev.cognitowa.otp.sender.wiring.Priming;
import java.util.Locale;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptResponse;

/**
 * The KMS leg of the Lambda's cold path on its own: the sender's KMS client (AWS SDK v2 over the
 * URL connection), built as in the init phase, sends one Decrypt to {@code AWS_ENDPOINT_URL_KMS}.
 * In AWS the handler makes this call once per OTP, in place of the raw AES key the other benchmarks
 * use. Prints {@code {"status":"sent"}} once answered and the phases' wall time on stderr. With
 * {@code -Dbench.primeKms=true} the handler's SnapStart priming of the SDK call path ({@link
 * Priming#primeKmsCallPath()}, offline) runs first, and the first real Decrypt is timed after it.
 */
public final class ColdKms {
  static final String KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/bench";

  private ColdKms() {}

  public static void main(String[] args) {
    long started = System.nanoTime();
    KmsClient kms = new AwsClients(System.getenv()).kms(KEY_ARN);
    long built = System.nanoTime();
    if (Boolean.getBoolean("bench.primeKms")) {
      Priming
          .primeKmsCallPath(); // what the handler's SnapStart hook runs: the SDK call path, offline
    }
    long primed = System.nanoTime();
    DecryptResponse answer =
        kms.decrypt(r -> r.keyId(KEY_ARN).ciphertextBlob(SdkBytes.fromByteArray(new byte[] {1})));
    long answered = System.nanoTime();
    System.out.println(
        "{\"status\":\""
            + (answer.plaintext().asByteArray().length == 32 ? "sent" : "unexpected")
            + "\"}");
    System.err.printf(
        Locale.ROOT,
        "client built %d ms, priming %d ms, first Decrypt %d ms%n",
        (built - started) / 1_000_000,
        (primed - built) / 1_000_000,
        (answered - primed) / 1_000_000);
  }
}
