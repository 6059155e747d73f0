package dev.cognitowa.otp.sender.testutils;

import dev.cognitowa.otp.settings.Settings;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment most tests run the sender with: the Cloud API channel with the suite's number and
 * token, and the local AES keyring the test ciphertexts are encrypted under. A mutable map, for the
 * test to add what it is about.
 */
public final class LocalEnvironment {
  private LocalEnvironment() {}

  /** The Cloud API at {@code graphBaseUrl} (null: Meta's default) and the local keyring. */
  public static Map<String, String> whatsApp(String graphBaseUrl) {
    Map<String, String> env = new HashMap<>();
    env.put(Settings.PHONE_NUMBER_ID.name(), TestSecrets.PHONE_NUMBER_ID);
    env.put(Settings.ACCESS_TOKEN.name(), TestSecrets.ACCESS_TOKEN);
    if (graphBaseUrl != null) {
      env.put(Settings.API_BASE_URL.name(), graphBaseUrl);
    }
    env.put(Settings.LOCAL_AES_KEY.name(), TestCiphertexts.LOCAL_KEY_BASE64);
    env.put(Settings.LOCAL_KEY_NAMESPACE.name(), TestCiphertexts.LOCAL_KEY_NAMESPACE);
    env.put(Settings.LOCAL_KEY_NAME.name(), TestCiphertexts.LOCAL_KEY_NAME);
    return env;
  }
}
