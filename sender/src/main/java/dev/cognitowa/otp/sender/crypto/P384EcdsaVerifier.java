package dev.cognitowa.otp.sender.crypto;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECField;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.util.function.Supplier;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.custom.sec.SecP384R1Curve;

/**
 * {@code SHA384withECDSA} verification on P-384 only, straight on Bouncy Castle's lightweight API
 * and its P-384 field arithmetic.
 *
 * <p>Why not Bouncy Castle's own JCA class: to turn the JDK's {@code ECPublicKey} into its own
 * curve, it builds a generic curve from the key's parameters (a Miller-Rabin test of the field
 * prime) and then every curve it knows (about 35, binary ones included) to find the matching one:
 * 270 classes and about 0.1 s of a cold JVM's first event, for one curve. Here the curve is P-384
 * from the start; a key on any other curve, and signing, are refused with {@link
 * InvalidKeyException}, so the JCA hands them to the next provider (the JDK's SunEC). The
 * arithmetic and the DER decoding of the signature are Bouncy Castle's, as before.
 *
 * <p>Once {@link NativeEcdsa} has loaded Amazon Corretto Crypto Provider (off the cold path, see
 * {@link EcdsaAcceleration}), the check itself is delegated to it: about four times faster warm.
 * The key and the signature's encoding are still checked here first, so what is refused and how
 * (exception or {@code false}) does not depend on which of the two computes. Which one a
 * verification uses is decided once in {@code initVerify}, from a volatile read: a verification
 * that started on Bouncy Castle ends on it while another thread switches the process over.
 */
public final class P384EcdsaVerifier extends SignatureSpi {
  private final Supplier<Provider> accelerated;
  private final SHA384Digest digest = new SHA384Digest();
  private ECDSASigner signer;
  private Signature delegate;

  /** The JCA instantiates the class by name through {@link FastEcdsaVerification}. */
  public P384EcdsaVerifier() {
    this(NativeEcdsa.PROCESS::provider);
  }

  /**
   * @param accelerated the provider to delegate to, or null for Bouncy Castle; read on every {@code
   *     initVerify}
   */
  P384EcdsaVerifier(Supplier<Provider> accelerated) {
    this.accelerated = accelerated;
  }

  @Override
  protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
    if (!(publicKey instanceof ECPublicKey key) || !Curve.isP384(key.getParams())) {
      throw new InvalidKeyException("not a P-384 public key");
    }
    delegate = null;
    signer = null;
    ECPoint w = key.getW();
    ECPublicKeyParameters parameters;
    try {
      parameters =
          new ECPublicKeyParameters(
              Curve.DOMAIN.getCurve().validatePoint(w.getAffineX(), w.getAffineY()), Curve.DOMAIN);
    } catch (IllegalArgumentException e) {
      throw new InvalidKeyException("the public point is not on P-384", e);
    }
    Provider provider = accelerated.get();
    if (provider != null) {
      try {
        Signature native384 = Signature.getInstance(NativeEcdsa.ALGORITHM, provider);
        native384.initVerify(key); // it takes the JDK's key as it is (it re-encodes it natively)
        delegate = native384;
        return;
      } catch (NoSuchAlgorithmException | InvalidKeyException | RuntimeException e) {
        // not expected once its known-answer check passed: this key stays with Bouncy Castle
        delegate = null;
      }
    }
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, parameters);
    signer = verifier;
    digest.reset();
  }

  @Override
  protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
    throw new InvalidKeyException("verification only");
  }

  @Override
  protected void engineUpdate(byte b) throws SignatureException {
    if (delegate != null) {
      delegate.update(b);
    } else {
      digest.update(b);
    }
  }

  @Override
  protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
    if (delegate != null) {
      delegate.update(b, off, len);
    } else {
      digest.update(b, off, len);
    }
  }

  @Override
  protected byte[] engineSign() throws SignatureException {
    throw new SignatureException("verification only");
  }

  @Override
  protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
    if (delegate != null) {
      return verifyNatively(sigBytes);
    }
    if (signer == null) {
      throw new SignatureException("not initialised for verification");
    }
    byte[] hash = new byte[digest.getDigestSize()];
    digest.doFinal(hash, 0);
    BigInteger[] rs = decode(sigBytes);
    return signer.verifySignature(hash, rs[0], rs[1]);
  }

  /**
   * The delegate's answer, but only for what Bouncy Castle decodes (strict DER, r and s below the
   * order) and with r and s not zero; what it refuses is refused the same way here (the same
   * exception or {@code false}), so both paths agree exactly. The delegate is always called, so
   * that it is reset for reuse as the JCA requires after {@code verify}.
   */
  private boolean verifyNatively(byte[] sigBytes) throws SignatureException {
    BigInteger[] rs = null;
    SignatureException undecodable = null;
    try {
      rs = decode(sigBytes);
    } catch (SignatureException e) {
      undecodable = e;
    }
    boolean accepted;
    try {
      accepted = delegate.verify(sigBytes);
    } catch (SignatureException e) {
      accepted = false; // its own refusal of a malformed or zero r or s
    }
    if (undecodable != null) {
      throw undecodable;
    }
    return accepted && rs[0].signum() != 0 && rs[1].signum() != 0;
  }

  private static BigInteger[] decode(byte[] sigBytes) throws SignatureException {
    try {
      return StandardDSAEncoding.INSTANCE.decode(Curve.DOMAIN.getN(), sigBytes);
    } catch (RuntimeException | java.io.IOException e) {
      throw new SignatureException("error decoding signature bytes", e);
    }
  }

  @Override
  @Deprecated
  @SuppressWarnings("InlineMeSuggester") // the JCA's own deprecated hook, kept only to refuse it
  protected void engineSetParameter(String param, Object value) {
    throw new InvalidParameterException("no parameters");
  }

  @Override
  @Deprecated
  @SuppressWarnings("InlineMeSuggester") // as above
  protected Object engineGetParameter(String param) {
    throw new InvalidParameterException("no parameters");
  }

  /** P-384 as Bouncy Castle's specialised curve, built once per JVM on first use. */
  private static final class Curve {
    static final ECDomainParameters DOMAIN;

    /**
     * P-384's base point (FIPS 186-4, D.1.2.4), as the JDK's {@code secp384r1} has it; {@link
     * #isP384} compares every key's parameters with these. Not taken from Bouncy Castle's {@code
     * CustomNamedCurves}: loading that table loads the classes of all its 33 curves.
     */
    private static final String GX =
        "aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a38"
            + "5502f25dbf55296c3a545e3872760ab7";

    private static final String GY =
        "3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c0"
            + "0a60b1ce1d7e819d7a431d7c90ea0e5f";

    static {
      ECCurve curve = new SecP384R1Curve();
      DOMAIN =
          new ECDomainParameters(
              curve,
              curve.validatePoint(new BigInteger(GX, 16), new BigInteger(GY, 16)),
              curve.getOrder(),
              curve.getCofactor());
    }

    /** The key's curve, generator, order and cofactor are exactly P-384's. */
    static boolean isP384(ECParameterSpec spec) {
      if (spec == null
          || !BigInteger.valueOf(spec.getCofactor()).equals(DOMAIN.getH())
          || !spec.getOrder().equals(DOMAIN.getN())) {
        return false;
      }
      ECField field = spec.getCurve().getField();
      ECCurve curve = DOMAIN.getCurve();
      org.bouncycastle.math.ec.ECPoint g = DOMAIN.getG().normalize();
      return field instanceof ECFieldFp fp
          && fp.getP().equals(curve.getField().getCharacteristic())
          && spec.getCurve().getA().equals(curve.getA().toBigInteger())
          && spec.getCurve().getB().equals(curve.getB().toBigInteger())
          && spec.getGenerator().getAffineX().equals(g.getAffineXCoord().toBigInteger())
          && spec.getGenerator().getAffineY().equals(g.getAffineYCoord().toBigInteger());
    }

    private Curve() {}
  }
}
