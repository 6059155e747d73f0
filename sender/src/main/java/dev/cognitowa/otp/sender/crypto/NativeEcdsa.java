package dev.cognitowa.otp.sender.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Amazon Corretto Crypto Provider (ACCP, AWS-LC underneath) as the warm P-384 signature check:
 * about 0.2 ms per verification against Bouncy Castle's 0.75 ms on one core, but loading it (its
 * classes and a 9.6 MB native library extracted to {@code java.io.tmpdir}) costs 0.2-0.6 s of CPU.
 * So it is loaded only where {@link EcdsaAcceleration} installs the fast verifier: before the
 * SnapStart snapshot, or on a background thread after a cold container's first message.
 *
 * <p>ACCP is used by provider instance only ({@code Signature.getInstance(alg, provider)}) and
 * never enters the JCA's provider list: the process's {@code SecureRandom}, key factories and
 * ciphers stay the JDK's (a provider's DRBG state taken into a SnapStart snapshot would be cloned
 * into every restored container). Signature verification draws no random numbers.
 *
 * <p>Where it cannot load (the jar carries the linux-x86_64 build only, so on arm64, or without the
 * native library, or on a glibc too old for it) {@link P384EcdsaVerifier} keeps Bouncy Castle and
 * {@link #status()} says why; no event fails for it. It must also pass a known-answer check (a
 * valid signature accepted, the same signature over another message refused) before it is used.
 *
 * <p>Where it is deployed (sources checked for this change):
 *
 * <ul>
 *   <li>ACCP's README (github.com/corretto/amazon-corretto-crypto-provider, "Compatibility &amp;
 *       Requirements"): JDK 8 or newer on Linux x86-64 or arm64; it bundles AWS-LC's libcrypto, so
 *       nothing is installed on the host; "if ACCP is used/installed on a system it does not
 *       support, it will disable itself". Its fat-jar note: repackaging breaks its jar signature,
 *       which only Oracle's JDK requires of JCE providers (Lambda runs Corretto; this class never
 *       registers it anyway). Its {@code tmpdir} property: the native library is extracted to
 *       {@code java.io.tmpdir}, on Lambda /tmp, the one writable directory.
 *   <li>glibc: the 2.5.0 linux-x86_64 library asks for GLIBC_2.16 at most ({@code objdump -T}), far
 *       below Amazon Linux 2023's 2.34, which the java21 and java25 runtimes run on (Lambda docs,
 *       "Lambda runtimes" and "OS-only runtimes": provided.al2023 "newer versions of libraries such
 *       as glibc").
 *   <li>SnapStart / CRaC: neither ACCP's README nor its issue tracker says anything either way. The
 *       uniqueness concern of a snapshot (Lambda docs, "Handling uniqueness with Lambda SnapStart")
 *       is random state; AWS-LC detects snapshot restores for its own DRBG (aws-lc,
 *       crypto/fipsmodule/rand/snapsafe_detect.h, via /dev/sysgenid) and this class uses no
 *       randomness from it: ECDSA verification is deterministic, and ACCP is never the process's
 *       SecureRandom. The one thing in the snapshot is the loaded library and its classes; the
 *       temporary copy of the library is deleted right after loading.
 * </ul>
 */
final class NativeEcdsa {
  static final String ALGORITHM = "SHA384withECDSA";

  /** The process's instance, loaded by {@link FastEcdsaVerification#install()}. */
  static final NativeEcdsa PROCESS = new NativeEcdsa(NativeEcdsa::accp);

  /** A P-384 public key (X.509), a message and SunEC's signature of it: the known answer. */
  private static final String KEY =
      "3076301006072a8648ce3d020106052b81040022036200045ddbed1cefe003228cdbbfcc1e871f7202cdfaa7e2"
          + "96d33247c811aa7ca910d2716f67441986804cd89f8c31b02ab88211161b582a53b9b531ec369512dcc9"
          + "fdf72ed876d33c419913c33319f309f2e155fdc1e0be5695eb3495163d36e35985";

  private static final byte[] MESSAGE = "otp-sender known answer".getBytes(StandardCharsets.UTF_8);

  private static final String SIGNATURE =
      "306402302c33b485576df69752d85becafb20d6922c1ca9fd2d96ecab95a5a62346b75626b51f24e19eb91a8"
          + "96d011a75abea64002301c156c49bbf31e81707f479e4accbc8257d902332e74456cb4bbf5a914d705f2"
          + "67c6882ae2d8ea9046b6deb18cf7e548";

  private final Supplier<Provider> loader;
  private volatile Provider provider;
  private volatile String status = "not loaded";
  private boolean attempted; // guarded by this

  /**
   * @param loader returns the provider, or throws when it cannot load (the seam tests use)
   */
  NativeEcdsa(Supplier<Provider> loader) {
    this.loader = loader;
  }

  /**
   * Loads and checks the provider, once: later calls do nothing, whatever the first one found. May
   * take half a second: never on a request's path.
   */
  synchronized void load() {
    if (attempted) {
      return;
    }
    attempted = true;
    try {
      Provider candidate = loader.get();
      knownAnswer(candidate);
      status = "loaded: " + candidate.getName() + " " + candidate.getVersionStr();
      provider = candidate; // published last: a verifier that sees it sees a checked provider
    } catch (RuntimeException | LinkageError | GeneralSecurityException e) {
      status = "unavailable: " + e;
    }
  }

  /**
   * The checked provider, or null while it is not loaded or could not be (then use Bouncy Castle).
   */
  Provider provider() {
    return provider;
  }

  /** "not loaded", "loaded: ..." or "unavailable: why", for tests and benchmarks. */
  String status() {
    return status;
  }

  private static Provider accp() {
    AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
    Throwable error = accp.getLoadingError();
    if (error != null) {
      // No native library for this CPU, or it would not link (e.g. an older glibc).
      throw new IllegalStateException("ACCP's native library did not load: " + error, error);
    }
    return accp;
  }

  private static void knownAnswer(Provider candidate) throws GeneralSecurityException {
    // The key as the Encryption SDK hands it over: the JDK's own EC key, not the provider's.
    PublicKey key =
        KeyFactory.getInstance("EC")
            .generatePublic(new X509EncodedKeySpec(HexFormat.of().parseHex(KEY)));
    byte[] signature = HexFormat.of().parseHex(SIGNATURE);
    Signature verifier = Signature.getInstance(ALGORITHM, candidate);
    verifier.initVerify(key);
    verifier.update(MESSAGE);
    if (!verifier.verify(signature)) {
      throw new GeneralSecurityException("refused a valid P-384 signature");
    }
    verifier.initVerify(key);
    verifier.update(MESSAGE, 1, MESSAGE.length - 1);
    if (verifier.verify(signature)) {
      throw new GeneralSecurityException("accepted a P-384 signature of another message");
    }
  }
}
