package dev.cognitowa.otp.sender.crypto;

import dev.cognitowa.otp.sender.support.Sensitive;
import java.time.Instant;

/** Turns Cognito's encrypted {@code request.code} into the plaintext code or temporary password. */
public interface CodeDecryptor {

  /**
   * Decrypts one AWS Encryption SDK message.
   *
   * @param base64Ciphertext {@code request.code} exactly as Cognito sent it
   * @param expectedUserPoolId the encryption context's {@code userpool-id} must equal this
   * @param deadline any call to KMS, retries included, ends by then; an explicit parameter, so that
   *     every wrapper must pass it on and the compiler finds any that does not
   * @return the plaintext, wrapped so it cannot be logged by accident
   * @throws CodeDecryptionException when the text is not base64, not a valid message, tampered
   *     with, encrypted under another key, or bound to another user pool; or, {@linkplain
   *     CodeDecryptionException#isTransient() transient}, when KMS did not answer in time
   */
  Sensitive decrypt(String base64Ciphertext, String expectedUserPoolId, Instant deadline);
}
