package dev.cognitowa.otp.sender.crypto;

/**
 * Thrown when {@code request.code} cannot be decrypted and authenticated; nothing is sent then.
 * Either the ciphertext or the key is refused (permanent), or KMS could not answer in time
 * (transient: Lambda's retry may succeed).
 */
public class CodeDecryptionException extends RuntimeException {
  private final boolean transientFailure;

  /** A refusal: the ciphertext does not authenticate, or KMS refuses the key. */
  public CodeDecryptionException(String message) {
    this(message, false);
  }

  /**
   * @param transientFailure true when KMS was throttling, failing or unreachable, or did not answer
   *     before the deadline: the same event may decrypt later
   */
  public CodeDecryptionException(String message, boolean transientFailure) {
    super(message);
    this.transientFailure = transientFailure;
  }

  /** True when trying the same event again later may work. */
  public boolean isTransient() {
    return transientFailure;
  }
}
