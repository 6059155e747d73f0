package dev.cognitowa.otp.bench;

import dev.cognitowa.otp.sender.crypto.EcdsaAcceleration;
import dev.cognitowa.otp.sender.delivery.OtpMessage;
import dev.cognitowa.otp.sender.event.CustomSmsSenderEvent;
import dev.cognitowa.otp.sender.event.CustomSmsSenderEventParser;
import dev.cognitowa.otp.sender.phone.PhoneNumbers;
import dev.cognitowa.otp.sender.phone.Recipient;
import dev.cognitowa.otp.sender.support.Sensitive;
import dev.cognitowa.otp.sender.wiring.SenderWiring;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Where a cold JVM spends the first event: the handler's steps run one by one, each timed on first
 * use, so the cost of loading and first running each dependency shows (support.Json for the event,
 * libphonenumber, the Encryption SDK with Bouncy Castle, the HTTP client). Run like {@link
 * ColdInvoke}; prints one line per phase on stderr: wall time, then the main thread's CPU time.
 * With {@code -Dbench.fastEcdsa=true} the signature is verified by the fast verifier (Bouncy
 * Castle; adding {@code -Dbench.switchEcdsa=true} puts Bouncy Castle back for the later
 * decryptions.
 */
public final class ColdPhases {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static long last = System.nanoTime();
  private static long lastCpu = THREADS.getCurrentThreadCpuTime();

  private ColdPhases() {}

  public static void main(String[] args) throws IOException {
    SenderWiring wiring =
        timed(
            "wiring (config, Encryption SDK keyring, channel)",
            () -> SenderWiring.fromEnvironment(System.getenv()));
    if (Boolean.getBoolean("bench.fastEcdsa")) {
      // compare: the fast verifier in place before the first event, as after a SnapStart restore
      EcdsaAcceleration.installNow();
    }
    byte[] json = Files.readAllBytes(Path.of(args[0]));
    CustomSmsSenderEvent event =
        timed("parse event (support.Json)", () -> new CustomSmsSenderEventParser().parse(json));
    Recipient recipient =
        timed(
            "phone number (libphonenumber)",
            () -> PhoneNumbers.parse(event.request().phoneNumber()));
    Sensitive code =
        timed(
            "decrypt + ECDSA P-384 verify (Encryption SDK; SunEC unless bench.fastEcdsa)",
            () ->
                wiring
                    .decryptor()
                    .decrypt(
                        event.request().code(), event.userPoolId(), Instant.now().plusSeconds(10)));
    OtpMessage message =
        timed(
            "template choice",
            () ->
                wiring
                    .policy()
                    .messageFor(event.triggerSource(), recipient, event.userName(), code));
    Object outcome =
        timed(
            "Graph POST (HttpURLConnection, JSON body)",
            () -> wiring.channel().deliver(message, Instant.now().plusSeconds(10)));
    if (Boolean.getBoolean("bench.switchEcdsa")) {
      EcdsaAcceleration.installNow(); // the fast verifier from the second event on
    }
    for (int i = 2; i <= 4; i++) {
      timed(
          "decrypt number " + i + " (same JVM)",
          () ->
              wiring
                  .decryptor()
                  .decrypt(
                      event.request().code(), event.userPoolId(), Instant.now().plusSeconds(10)));
    }
    timed(
        "second Graph POST (connection reused)",
        () -> wiring.channel().deliver(message, Instant.now().plusSeconds(10)));
    System.out.println(outcome.getClass().getSimpleName());
  }

  private static <T> T timed(String phase, Supplier<T> step) {
    T result = step.get();
    long now = System.nanoTime();
    long cpu = THREADS.getCurrentThreadCpuTime();
    System.err.printf(
        Locale.ROOT,
        "%6.1f ms  %6.1f ms CPU  %s%n",
        (now - last) / 1e6,
        (cpu - lastCpu) / 1e6,
        phase);
    last = System.nanoTime();
    lastCpu = THREADS.getCurrentThreadCpuTime();
    return result;
  }
}
