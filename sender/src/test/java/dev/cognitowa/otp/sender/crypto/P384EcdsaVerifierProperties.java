package dev.cognitowa.otp.sender.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.WithQuickTheories;
import org.quicktheories.core.Gen;

/**
 * With ACCP delegated to, the verifier answers exactly as with Bouncy Castle alone (the same {@code
 * true}, {@code false} or {@link SignatureException}), and as the JDK's SunEC on everything both
 * decode: valid signatures, the wrong key, a changed message, high S, DER edge cases.
 */
class P384EcdsaVerifierProperties implements WithQuickTheories {
  private static final long SEED = 0x5EED_0384L;
  private static final int EXAMPLES = 300;
  private static final BigInteger N =
      new BigInteger(
          "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf"
              + "581a0db248b0a77aecec196accc52973",
          16);

  /** The ways a signature is presented, each example picks one. */
  enum Change {
    NONE,
    WRONG_KEY,
    OTHER_MESSAGE,
    HIGH_S,
    FLIPPED_BIT,
    TRUNCATED,
    TRAILING_BYTE,
    LEADING_ZERO_IN_R,
    R_ZERO,
    S_ZERO,
    R_IS_ORDER,
    S_ONE,
    RANDOM_BYTES,
    EMPTY
  }

  private static final List<KeyPair> KEYS = new ArrayList<>();
  private static Provider accp;

  @BeforeAll
  static void keysAndProvider() throws Exception {
    for (int i = 0; i < 3; i++) {
      KEYS.add(NativeEcdsaTest.p384());
    }
    NativeEcdsa.PROCESS.load();
    accp = NativeEcdsa.PROCESS.provider();
  }

  @Test
  void accelerated_shouldAnswerAsBouncyCastleAndSunEc_forAnySignatureItIsShown() {
    assumeThat(accp).as("ACCP loads on x86_64 Linux only").isNotNull();
    qt().withFixedSeed(SEED)
        .withExamples(EXAMPLES)
        .forAll(messages(), integers().between(0, KEYS.size() - 1), changes(), integers().all())
        .checkAssert(
            (message, key, change, salt) -> {
              // given
              KeyPair signer = KEYS.get(key);
              byte[] signature = present(sign(signer, message), change, salt);
              PublicKey verifyingKey =
                  change == Change.WRONG_KEY
                      ? KEYS.get((key + 1) % KEYS.size()).getPublic()
                      : signer.getPublic();
              byte[] shown = message.clone();
              if (change == Change.OTHER_MESSAGE) {
                shown = Arrays.copyOf(shown, shown.length + 1);
              }

              // when
              String accelerated =
                  outcome(new P384EcdsaVerifier(() -> accp), verifyingKey, shown, signature);
              String bouncyCastle =
                  outcome(new P384EcdsaVerifier(() -> null), verifyingKey, shown, signature);
              String sunEc = sunEc(verifyingKey, shown, signature);

              // then
              assertThat(accelerated).as(change.name()).isEqualTo(bouncyCastle);
              if (!bouncyCastle.equals("refused") && !sunEc.equals("refused")) {
                assertThat(accelerated).as(change.name()).isEqualTo(sunEc);
              }
              if (change == Change.NONE || change == Change.HIGH_S) {
                assertThat(accelerated).isEqualTo("true");
              }
            });
  }

  @Test
  void aVerification_shouldEndWhereItStarted_whenTheProcessSwitchesMeanwhile() throws Exception {
    assumeThat(accp).as("ACCP loads on x86_64 Linux only").isNotNull();
    // given
    KeyPair keys = KEYS.get(0);
    byte[] message = {1, 2, 3};
    byte[] signature = sign(keys, message);
    AtomicReference<Provider> current = new AtomicReference<>();

    for (Provider before : Arrays.asList(null, accp)) {
      current.set(before);
      P384EcdsaVerifier verifier = new P384EcdsaVerifier(current::get);
      verifier.engineInitVerify(keys.getPublic());
      verifier.engineUpdate(message, 0, 1);

      // when: the switch (either way) lands between initVerify and verify
      current.set(before == null ? accp : null);
      verifier.engineUpdate(message, 1, 2);

      // then: one engine saw the whole message
      assertThat(verifier.engineVerify(signature)).isTrue();
      verifier.engineUpdate(message, 0, message.length);
      assertThat(verifier.engineVerify(signature)).as("reusable after verify").isTrue();
    }
  }

  @Test
  void verifiers_shouldAgree_whileAnotherThreadSwitches() throws Exception {
    assumeThat(accp).as("ACCP loads on x86_64 Linux only").isNotNull();
    // given
    KeyPair keys = KEYS.get(1);
    byte[] message = "switching".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] signature = sign(keys, message);
    byte[] other = "switchinG".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    AtomicReference<Provider> current = new AtomicReference<>();
    List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
    Runnable verifying =
        () -> {
          for (int i = 0; i < 150; i++) {
            try {
              byte[] shown = i % 3 == 0 ? other : message;
              boolean ok =
                  verify(new P384EcdsaVerifier(current::get), keys.getPublic(), shown, signature);
              if (ok != (shown == message)) {
                wrong.add(i + ": " + ok);
              }
            } catch (Exception e) {
              wrong.add(i + ": " + e);
            }
          }
        };
    Thread a = new Thread(verifying);
    Thread b = new Thread(verifying);

    // when
    a.start();
    b.start();
    for (int i = 0; a.isAlive() || b.isAlive(); i++) {
      current.set(i % 2 == 0 ? accp : null);
      Thread.sleep(1);
    }

    // then
    assertThat(wrong).isEmpty();
  }

  private Gen<byte[]> messages() {
    return lists()
        .of(integers().between(0, 255))
        .ofSizeBetween(0, 64)
        .map(
            list -> {
              byte[] bytes = new byte[list.size()];
              for (int i = 0; i < bytes.length; i++) {
                bytes[i] = list.get(i).byteValue();
              }
              return bytes;
            });
  }

  private Gen<Change> changes() {
    return arbitrary().enumValues(Change.class);
  }

  private static byte[] present(byte[] der, Change change, int salt) {
    try {
      BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(N, der);
      BigInteger r = rs[0];
      BigInteger s = rs[1];
      int at = Math.floorMod(salt, der.length);
      return switch (change) {
        case NONE, WRONG_KEY, OTHER_MESSAGE -> der;
        case HIGH_S -> encode(r, N.subtract(s));
        case FLIPPED_BIT -> {
          byte[] flipped = der.clone();
          flipped[at] ^= (byte) (1 << Math.floorMod(salt >> 8, 8));
          yield flipped;
        }
        case TRUNCATED -> Arrays.copyOf(der, at);
        case TRAILING_BYTE -> {
          byte[] longer = Arrays.copyOf(der, der.length + 1);
          longer[der.length] = (byte) salt;
          yield longer;
        }
        case LEADING_ZERO_IN_R -> leadingZeroInR(der);
        case R_ZERO -> encode(BigInteger.ZERO, s);
        case S_ZERO -> encode(r, BigInteger.ZERO);
        case R_IS_ORDER -> encode(N, s);
        case S_ONE -> encode(r, BigInteger.ONE);
        case RANDOM_BYTES -> {
          byte[] random = new byte[Math.floorMod(salt, 110)];
          new java.util.Random(salt).nextBytes(random);
          yield random;
        }
        case EMPTY -> new byte[0];
      };
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** DER with r's INTEGER given one superfluous leading zero byte: BER, not DER. */
  private static byte[] leadingZeroInR(byte[] der) {
    int rLength = der[3];
    byte[] out = new byte[der.length + 1];
    out[0] = 0x30;
    out[1] = (byte) (der[1] + 1);
    out[2] = 0x02;
    out[3] = (byte) (rLength + 1);
    out[4] = 0;
    System.arraycopy(der, 4, out, 5, der.length - 4);
    return out;
  }

  /** DER of any r and s, also values no signer produces (zero, the order). */
  private static byte[] encode(BigInteger r, BigInteger s) {
    byte[] rb = r.toByteArray();
    byte[] sb = s.toByteArray();
    byte[] out = new byte[2 + 2 + rb.length + 2 + sb.length];
    out[0] = 0x30;
    out[1] = (byte) (out.length - 2);
    out[2] = 0x02;
    out[3] = (byte) rb.length;
    System.arraycopy(rb, 0, out, 4, rb.length);
    out[4 + rb.length] = 0x02;
    out[5 + rb.length] = (byte) sb.length;
    System.arraycopy(sb, 0, out, 6 + rb.length, sb.length);
    return out;
  }

  private static byte[] sign(KeyPair keys, byte[] message) {
    try {
      Signature signature = Signature.getInstance("SHA384withECDSA", "SunEC");
      signature.initSign(keys.getPrivate());
      signature.update(message);
      return signature.sign();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean verify(
      P384EcdsaVerifier verifier, PublicKey key, byte[] message, byte[] signature)
      throws Exception {
    verifier.engineInitVerify(key);
    verifier.engineUpdate(message, 0, message.length);
    return verifier.engineVerify(signature);
  }

  private static String outcome(
      P384EcdsaVerifier verifier, PublicKey key, byte[] message, byte[] signature) {
    try {
      return String.valueOf(verify(verifier, key, message, signature));
    } catch (SignatureException e) {
      return "refused";
    } catch (Exception e) {
      return e.toString();
    }
  }

  private static String sunEc(PublicKey key, byte[] message, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance("SHA384withECDSA", "SunEC");
      verifier.initVerify((ECPublicKey) key);
      verifier.update(message);
      return String.valueOf(verifier.verify(signature));
    } catch (SignatureException e) {
      return "refused";
    } catch (java.security.GeneralSecurityException e) {
      return e.toString();
    }
  }
}
