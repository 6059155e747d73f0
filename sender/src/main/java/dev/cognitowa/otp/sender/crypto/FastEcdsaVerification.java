package dev.cognitowa.otp.sender.crypto;

import java.security.Provider;
import java.security.Security;

/**
 * A one-service JCE provider: {@code SHA384withECDSA} by Bouncy Castle, placed first so that the
 * Encryption SDK's signature check on every Cognito message (suite 0x0378 signs with ECDSA P-384)
 * uses it. Measured on this project's machine, one core: 0.75 ms per verification against the JDK's
 * 1.9 ms (Java 17) and 1.7 ms (Java 25), which is most of a warm OTP's CPU time. It verifies only
 * (P-384 keys only, see {@link P384EcdsaVerifier}): signing and other curves fall through to the
 * JDK. Nothing else changes: key factories, parameters and every other algorithm stay with the
 * JDK's providers.
 */
final class FastEcdsaVerification extends Provider {
  static final String NAME = "OtpFastEcdsa";

  private FastEcdsaVerification() {
    super(NAME, "1.0", "SHA384withECDSA verification on P-384 by Bouncy Castle's EC arithmetic");
    put("Signature.SHA384withECDSA", P384EcdsaVerifier.class.getName());
  }

  private static volatile boolean installed;

  /**
   * Installs the provider once per JVM, ahead of the JDK's, then loads Amazon Corretto Crypto
   * Provider for {@link P384EcdsaVerifier} to delegate to (Bouncy Castle until it is loaded, and
   * for good where it cannot be). Not on the cold path: see {@link EcdsaAcceleration}.
   */
  static void install() {
    synchronized (FastEcdsaVerification.class) {
      if (!installed) {
        Security.insertProviderAt(new FastEcdsaVerification(), 1);
        installed = true;
      }
    }
    NativeEcdsa.PROCESS.load(); // outside the lock: 0.2-0.6 s, once; Bouncy Castle serves meanwhile
  }

  static boolean installed() {
    return installed;
  }
}
