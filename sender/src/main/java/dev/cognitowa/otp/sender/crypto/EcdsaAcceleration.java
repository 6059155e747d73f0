package dev.cognitowa.otp.sender.crypto;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * When the faster P-384 signature check is put in place: never on the cold path itself.
 *
 * <p>Installing a JCE provider ahead of the JDK's makes the JDK load and construct every configured
 * provider first (it looks the new name up among them): 16-22 ms on one core, and the fast
 * verifier's own first use costs more than the JDK's SunEC does cold (measured with {@code
 * bench.ColdPhases}: the first decryption took 91-94 ms CPU with SunEC, 122-132 ms with it). So a
 * cold container verifies its first message with SunEC, and the fast verifier is installed where it
 * costs nothing on a user's path: before the SnapStart snapshot ({@link #installNow}), or on a
 * background thread once the first message has been accepted ({@link #installInBackground}). Both
 * verifiers check the same signature with the same result; only the speed differs.
 *
 * <p>The same step then loads Amazon Corretto Crypto Provider ({@link NativeEcdsa}), which the fast
 * verifier delegates to from then on: loading it costs 0.2-0.6 s of CPU, which is why it happens
 * only here. Where it cannot load (arm64, see the infra README's {@code architecture}) the fast
 * verifier stays on Bouncy Castle; {@link #nativeStatus()} says which.
 */
public final class EcdsaAcceleration {
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private EcdsaAcceleration() {}

  /** Installs the fast verifier now, once per JVM (the SnapStart hook: before the snapshot). */
  public static void installNow() {
    STARTED.set(true);
    FastEcdsaVerification.install();
  }

  /**
   * Installs the fast verifier on a daemon thread, once per JVM, and returns at once; later calls
   * do nothing.
   *
   * @return the thread started, or null when installation already started (for tests to join)
   */
  public static Thread installInBackground() {
    if (!STARTED.compareAndSet(false, true)) {
      return null;
    }
    Thread thread = new Thread(FastEcdsaVerification::install, "otp-ecdsa-acceleration");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** Whether the fast verifier is in place (signatures checked from now on use it). */
  public static boolean installed() {
    return FastEcdsaVerification.installed();
  }

  /**
   * Whether the fast verifier delegates to Amazon Corretto Crypto Provider: "not loaded", "loaded:
   * ..." or "unavailable: why" (for tests and benchmarks; the sender does not log it).
   */
  public static String nativeStatus() {
    return NativeEcdsa.PROCESS.status();
  }
}
