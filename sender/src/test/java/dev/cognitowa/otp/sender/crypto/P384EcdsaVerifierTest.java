package dev.cognitowa.otp.sender.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class P384EcdsaVerifierTest {
  private static final byte[] MESSAGE = "cognito message".getBytes(StandardCharsets.UTF_8);
  private static KeyPair p384;

  @BeforeAll
  static void keys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
    generator.initialize(new ECGenParameterSpec("secp384r1"));
    p384 = generator.generateKeyPair();
  }

  @Test
  void verify_shouldAcceptWhatTheJdkSigned_whenTheKeyIsP384() throws Exception {
    // given: signatures from the JDK's SunEC, many, so that short DER encodings of r and s occur
    for (int i : IntStream.range(0, 40).toArray()) {
      byte[] message = (i + " cognito message").getBytes(StandardCharsets.UTF_8);
      byte[] signature = sign(p384, message);

      // when / then
      assertThat(verify(p384.getPublic(), message, signature)).isTrue();
      assertThat(sunEc(p384.getPublic(), message, signature)).isTrue();
    }
  }

  @Test
  void verify_shouldRefuse_whenTheMessageOrTheSignatureWasChanged() throws Exception {
    // given
    byte[] signature = sign(p384, MESSAGE);
    byte[] otherMessage = "cognito messagf".getBytes(StandardCharsets.UTF_8);
    byte[] flipped = signature.clone();
    flipped[flipped.length - 1] ^= 1;

    // when / then: as SunEC decides
    assertThat(verify(p384.getPublic(), otherMessage, signature)).isFalse();
    assertThat(verify(p384.getPublic(), MESSAGE, flipped))
        .isEqualTo(sunEc(p384.getPublic(), MESSAGE, flipped))
        .isFalse();
  }

  @Test
  void verify_shouldThrow_whenTheSignatureIsNotDer() throws Exception {
    // given
    P384EcdsaVerifier verifier = new P384EcdsaVerifier();
    verifier.engineInitVerify(p384.getPublic());
    verifier.engineUpdate(MESSAGE, 0, MESSAGE.length);

    // when / then
    assertThatThrownBy(() -> verifier.engineVerify(new byte[] {0x30, 0x03, 0x02, 0x01}))
        .isInstanceOf(SignatureException.class);
  }

  @Test
  void verify_shouldRefuse_whenTheSignatureIsFromAnotherKey() throws Exception {
    // given
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
    generator.initialize(new ECGenParameterSpec("secp384r1"));
    byte[] signature = sign(generator.generateKeyPair(), MESSAGE);

    // when / then
    assertThat(verify(p384.getPublic(), MESSAGE, signature)).isFalse();
  }

  @Test
  void initVerify_shouldRefuse_whenTheKeyIsOnAnotherCurveOrThePointIsNotOnP384() throws Exception {
    // given
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    PublicKey p256 = generator.generateKeyPair().getPublic();
    ECParameterSpec params = ((ECPublicKey) p384.getPublic()).getParams();
    ECPoint w = ((ECPublicKey) p384.getPublic()).getW();
    PublicKey offCurve =
        new ECPublicKey() {
          @Override
          public ECPoint getW() {
            return new ECPoint(w.getAffineX(), w.getAffineY().add(java.math.BigInteger.ONE));
          }

          @Override
          public String getAlgorithm() {
            return "EC";
          }

          @Override
          public String getFormat() {
            return "X.509";
          }

          @Override
          public byte[] getEncoded() {
            return new byte[0];
          }

          @Override
          public ECParameterSpec getParams() {
            return params;
          }
        };

    // when / then
    assertThatThrownBy(() -> new P384EcdsaVerifier().engineInitVerify(p256))
        .isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> new P384EcdsaVerifier().engineInitVerify(offCurve))
        .isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> new P384EcdsaVerifier().engineInitSign(p384.getPrivate()))
        .isInstanceOf(InvalidKeyException.class);
  }

  @Test
  void provider_shouldLeaveSigningAndOtherCurvesToTheJdk_whenInstalledFirst() throws Exception {
    // given
    FastEcdsaVerification.install();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair p256 = generator.generateKeyPair();
    PublicKey decoded =
        KeyFactory.getInstance("EC")
            .generatePublic(
                new ECPublicKeySpec(
                    ((ECPublicKey) p384.getPublic()).getW(),
                    ((ECPublicKey) p384.getPublic()).getParams()));

    // when
    Signature signing = Signature.getInstance("SHA384withECDSA");
    signing.initSign(p384.getPrivate());
    signing.update(MESSAGE);
    byte[] signature = signing.sign();
    Signature verifying = Signature.getInstance("SHA384withECDSA");
    verifying.initVerify(decoded);
    verifying.update(MESSAGE);
    Signature otherCurve = Signature.getInstance("SHA384withECDSA");
    otherCurve.initVerify(p256.getPublic());

    // then
    assertThat(signing.getProvider().getName()).isEqualTo("SunEC");
    assertThat(verifying.verify(signature)).isTrue();
    assertThat(verifying.getProvider().getName()).isEqualTo(FastEcdsaVerification.NAME);
    assertThat(otherCurve.getProvider().getName()).isEqualTo("SunEC");
  }

  @Test
  void verify_shouldTakeTheMessageByteByByte_onBothEngines() throws Exception {
    // given
    byte[] signature = sign(p384, MESSAGE);
    NativeEcdsa.PROCESS.load();
    java.security.Provider accelerated = NativeEcdsa.PROCESS.provider();

    for (java.security.Provider engine : java.util.Arrays.asList(null, accelerated)) {
      P384EcdsaVerifier verifier = new P384EcdsaVerifier(() -> engine);
      verifier.engineInitVerify(p384.getPublic());

      // when
      for (byte b : MESSAGE) {
        verifier.engineUpdate(b);
      }

      // then
      assertThat(verifier.engineVerify(signature)).as(String.valueOf(engine)).isTrue();
    }
  }

  @Test
  @SuppressWarnings(
      "deprecation") // the JCA's own deprecated parameter hooks, called to see them refuse
  void verifier_shouldRefuseWhatItDoesNotDo() {
    // given
    P384EcdsaVerifier verifier = new P384EcdsaVerifier();

    // when / then: no verification before initVerify, no signing, no parameters
    assertThatThrownBy(() -> verifier.engineVerify(new byte[8]))
        .isInstanceOf(SignatureException.class)
        .hasMessageContaining("not initialised");
    assertThatThrownBy(verifier::engineSign).isInstanceOf(SignatureException.class);
    assertThatThrownBy(() -> verifier.engineSetParameter("x", 1))
        .isInstanceOf(java.security.InvalidParameterException.class);
    assertThatThrownBy(() -> verifier.engineGetParameter("x"))
        .isInstanceOf(java.security.InvalidParameterException.class);
  }

  private static byte[] sign(KeyPair keys, byte[] message) throws Exception {
    Signature signature = Signature.getInstance("SHA384withECDSA", "SunEC");
    signature.initSign(keys.getPrivate());
    signature.update(message);
    return signature.sign();
  }

  private static boolean verify(PublicKey key, byte[] message, byte[] signature) throws Exception {
    P384EcdsaVerifier verifier = new P384EcdsaVerifier();
    verifier.engineInitVerify(key);
    verifier.engineUpdate(message, 0, message.length);
    return verifier.engineVerify(signature);
  }

  private static boolean sunEc(PublicKey key, byte[] message, byte[] signature) throws Exception {
    Signature verifier = Signature.getInstance("SHA384withECDSA", "SunEC");
    verifier.initVerify(key);
    verifier.update(message);
    return verifier.verify(signature);
  }
}
