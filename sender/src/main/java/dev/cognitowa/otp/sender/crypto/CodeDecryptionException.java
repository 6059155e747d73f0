package dev.cognitowa.otp.sender.crypto;

/** Thrown when {@code request.code} cannot be decrypted and authenticated; nothing is sent then. */
public class CodeDecryptionException extends RuntimeException {
  public CodeDecryptionException(String message) {
    super(message);
  }

  public CodeDecryptionException(String message, Throwable cause) {
    super(message, cause);
  }
}
