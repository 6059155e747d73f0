package dev.cognitowa.otp.sender.testutils;

import dev.cognitowa.otp.sender.event.TriggerSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The Cognito-shaped event fixtures under {@code events/}, with a real ciphertext in place of the
 * placeholder.
 */
public final class Events {
  private Events() {}

  /**
   * The fixture for a trigger source, e.g. {@code events/custom_sms_sender_sign_up.json}, as text.
   */
  public static String fixture(TriggerSource source) {
    return resource(
        "/events/custom_sms_sender_" + source.name().toLowerCase(Locale.ROOT) + ".json");
  }

  /** The fixture with {@code request.code} replaced by the given ciphertext. */
  public static String withCode(TriggerSource source, String base64Ciphertext) {
    return fixture(source).replace("PLACEHOLDER", base64Ciphertext);
  }

  /**
   * The fixture with a ciphertext of {@code plaintext} under the test key, bound to the fixture's
   * pool.
   */
  public static String encrypted(TriggerSource source, String plaintext) {
    return withCode(source, TestCiphertexts.encrypt(plaintext, TestSecrets.USER_POOL_ID));
  }

  public static String resource(String path) {
    try (InputStream in = Events.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
