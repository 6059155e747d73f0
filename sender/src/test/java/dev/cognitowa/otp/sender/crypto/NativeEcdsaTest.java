package dev.cognitowa.otp.sender.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureSpi;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NativeEcdsaTest {
  private static final byte[] MESSAGE = "cognito message".getBytes(StandardCharsets.UTF_8);

  /** The CPUs the bundled ACCP build (linux-x86_64) runs on. */
  static boolean x86() {
    String arch = System.getProperty("os.arch");
    return System.getProperty("os.name").startsWith("Linux")
        && (arch.equals("amd64") || arch.equals("x86_64"));
  }

  @Test
  void load_shouldUseAccpByInstanceOnly_whenItsNativeLibraryLoads() {
    // when
    NativeEcdsa.PROCESS.load();

    // then: on x86_64 Linux ACCP is there; elsewhere (an arm64 laptop) the fallback is
    if (x86()) {
      assertThat(NativeEcdsa.PROCESS.provider()).isNotNull();
      assertThat(NativeEcdsa.PROCESS.status())
          .startsWith("loaded: AmazonCorrettoCryptoProvider 2.5");
      assertThat(EcdsaAcceleration.nativeStatus()).isEqualTo(NativeEcdsa.PROCESS.status());
    } else {
      assertThat(NativeEcdsa.PROCESS.provider()).isNull();
      assertThat(NativeEcdsa.PROCESS.status()).startsWith("unavailable: ");
    }
    // never the process's provider of anything: SecureRandom and the rest stay the JDK's
    assertThat(Arrays.stream(Security.getProviders()).map(Provider::getName))
        .doesNotContain("AmazonCorrettoCryptoProvider");
  }

  @Test
  void load_shouldKeepBouncyCastle_whenTheNativeLibraryCannotLoad() throws Exception {
    // given: what ACCP does on arm64 with the x86_64 build, simulated
    AtomicInteger tries = new AtomicInteger();
    NativeEcdsa failing =
        new NativeEcdsa(
            () -> {
              tries.incrementAndGet();
              throw new UnsatisfiedLinkError("simulated: wrong ELF class");
            });
    KeyPair keys = p384();
    byte[] signature = sign(keys);

    // when
    failing.load();
    failing.load();

    // then: one try, said once in the status; verification goes on with Bouncy Castle
    assertThat(tries).hasValue(1);
    assertThat(failing.provider()).isNull();
    assertThat(failing.status())
        .isEqualTo("unavailable: java.lang.UnsatisfiedLinkError: simulated: wrong ELF class");
    assertThat(verify(new P384EcdsaVerifier(failing::provider), keys.getPublic(), signature))
        .isTrue();
  }

  @Test
  void load_shouldRefuseAProvider_whenItFailsTheKnownAnswer() {
    // given: one that accepts everything, and one without the algorithm
    NativeEcdsa lying = new NativeEcdsa(() -> new Fake(AcceptAll.class.getName()));
    NativeEcdsa refusing = new NativeEcdsa(() -> new Fake(RefuseAll.class.getName()));
    NativeEcdsa empty = new NativeEcdsa(() -> new Fake(null));

    // when
    lying.load();
    refusing.load();
    empty.load();

    // then
    assertThat(lying.provider()).isNull();
    assertThat(lying.status()).contains("accepted a P-384 signature of another message");
    assertThat(refusing.provider()).isNull();
    assertThat(refusing.status()).contains("refused a valid P-384 signature");
    assertThat(empty.provider()).isNull();
    assertThat(empty.status()).contains("NoSuchAlgorithmException");
  }

  @Test
  void status_shouldSayNotLoaded_beforeLoad() {
    assertThat(new NativeEcdsa(() -> null).status()).isEqualTo("not loaded");
  }

  @Test
  void verifier_shouldFallBackToBouncyCastle_whenTheDelegateRefusesTheKey() throws Exception {
    // given: a provider that passed (it is not checked here) but has no such signature
    KeyPair keys = p384();
    byte[] signature = sign(keys);
    Provider without = new Fake(null);

    // when / then
    assertThat(verify(new P384EcdsaVerifier(() -> without), keys.getPublic(), signature)).isTrue();
  }

  static KeyPair p384() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
    generator.initialize(new ECGenParameterSpec("secp384r1"));
    return generator.generateKeyPair();
  }

  private static byte[] sign(KeyPair keys) throws Exception {
    Signature signature = Signature.getInstance("SHA384withECDSA", "SunEC");
    signature.initSign(keys.getPrivate());
    signature.update(MESSAGE);
    return signature.sign();
  }

  private static boolean verify(P384EcdsaVerifier verifier, PublicKey key, byte[] signature)
      throws Exception {
    verifier.engineInitVerify(key);
    verifier.engineUpdate(MESSAGE, 0, MESSAGE.length);
    return verifier.engineVerify(signature);
  }

  /** A provider with one signature class, or none. */
  static final class Fake extends Provider {
    private static final long serialVersionUID = 1L;

    Fake(String signatureClass) {
      super("FakeEcdsa", "1.0", "test double");
      if (signatureClass != null) {
        put("Signature.SHA384withECDSA", signatureClass);
      }
    }
  }

  /** Accepts every signature. */
  public static final class AcceptAll extends Answering {
    public AcceptAll() {
      super(true);
    }
  }

  /** Refuses every signature. */
  public static final class RefuseAll extends Answering {
    public RefuseAll() {
      super(false);
    }
  }

  abstract static class Answering extends SignatureSpi {
    private final boolean answer;

    Answering(boolean answer) {
      this.answer = answer;
    }

    @Override
    protected void engineInitVerify(PublicKey publicKey) {}

    @Override
    protected void engineInitSign(java.security.PrivateKey privateKey) {}

    @Override
    protected void engineUpdate(byte b) {}

    @Override
    protected void engineUpdate(byte[] b, int off, int len) {}

    @Override
    protected byte[] engineSign() {
      return new byte[0];
    }

    @Override
    protected boolean engineVerify(byte[] sigBytes) {
      return answer;
    }

    @Override
    @Deprecated
    @SuppressWarnings("InlineMeSuggester")
    protected void engineSetParameter(String param, Object value) {}

    @Override
    @Deprecated
    @SuppressWarnings("InlineMeSuggester")
    protected Object engineGetParameter(String param) {
      return null;
    }
  }
}
