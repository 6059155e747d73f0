package dev.cognitowa.otp.bench;

import dev.cognitowa.otp.sender.CustomSmsSenderHandler;
import dev.cognitowa.otp.sender.crypto.EcdsaAcceleration;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/**
 * The Lambda artifact's own cold path, without the {@code otp} command line: builds the handler
 * from the environment (the init phase), delivers one event (the first invocation) and exits. Run
 * on the Lambda jar's class path: {@code java -cp
 * sender/target/otp-sender-lambda.jar:bench/target/classes dev.cognitowa.otp.bench.ColdInvoke
 * FILE}. Prints the accepted message id on stdout and the two phases' wall time on stderr. With
 * {@code -Dbench.fastEcdsa=true} the fast verifier is in place before the first event (SunEC
 * otherwise). With {@code -Dbench.prime=true} the handler's SnapStart priming runs before the
 * event, as before a snapshot: the first event's time then estimates a restored function's first
 * invocation (the restore itself is not included).
 */
public final class ColdInvoke {
  private ColdInvoke() {}

  public static void main(String[] args) throws IOException {
    long started = System.nanoTime();
    CustomSmsSenderHandler handler = new CustomSmsSenderHandler(System.getenv(), line -> {});
    if (Boolean.getBoolean("bench.fastEcdsa")) {
      // compare: the fast verifier in place before the first event, as after a SnapStart restore
      EcdsaAcceleration.installNow();
    }
    long primed = System.nanoTime();
    if (Boolean.getBoolean("bench.prime")) {
      handler.beforeCheckpoint(
          null); // what SnapStart runs before the snapshot: the hot path on made-up data
    }
    long initialised = System.nanoTime();
    DeliveryOutcome.Delivered delivered =
        handler.deliver(
            Files.readAllBytes(Path.of(args[0])), Instant.now().plusSeconds(10), "cold");
    long accepted = System.nanoTime();
    System.out.println("{\"status\":\"sent\",\"messageId\":\"" + delivered.messageRef() + "\"}");
    System.err.printf(
        Locale.ROOT,
        "init %d ms, priming %d ms, first event %d ms%n",
        (primed - started) / 1_000_000,
        (initialised - primed) / 1_000_000,
        (accepted - initialised) / 1_000_000);
  }
}
