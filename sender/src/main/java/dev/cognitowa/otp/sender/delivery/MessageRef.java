package dev.cognitowa.otp.sender.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one form in which a provider's message id leaves the call that received it: lower-case hex
 * SHA-256 of the id's UTF-8 bytes. Meta's {@code wamid} is base64 of a record that begins with the
 * recipient's number, so a raw id is a whole phone number; its hash is not (the id also holds
 * Meta's random message key). Log lines, results, ledger items and the status path's look-ups all
 * use this same reference, and an operator holding a provider's id finds ours with {@code printf %s
 * ID | sha256sum}.
 */
public final class MessageRef {
  private MessageRef() {}

  /** The reference of {@code providerMessageId}; null for null (no id was given). */
  public static String of(String providerMessageId) {
    if (providerMessageId == null) {
      return null;
    }
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(providerMessageId.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
