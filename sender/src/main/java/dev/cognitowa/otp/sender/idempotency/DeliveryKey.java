package dev.cognitowa.otp.sender.idempotency;

import dev.cognitowa.otp.sender.event.TriggerSource;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The ledger key of one Cognito event: SHA-256 over the pool, the user, the trigger source and the
 * ciphertext, each length-prefixed so no two different events share an input, in base64url (43
 * characters). Cognito's retry of an event carries the same ciphertext, a new code request a new
 * one; the key holds neither the code nor a phone number.
 *
 * @param id the value stored in the table's {@code id} attribute
 */
public record DeliveryKey(String id) {
  /**
   * Names the key's layout, so a future change of fields cannot collide with entries written by
   * this one.
   */
  static final String LAYOUT = "otp-delivery-v1";

  public static DeliveryKey of(
      String userPoolId, String userName, TriggerSource source, String ciphertext) {
    MessageDigest sha256 = sha256();
    for (String field :
        new String[] {LAYOUT, userPoolId, userName, source.wireName(), ciphertext}) {
      byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
      sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
      sha256.update(bytes);
    }
    return new DeliveryKey(Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest()));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
