package dev.cognitowa.otp.sender.limits;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a phone number is named in the counters' ids: HMAC-SHA256 of pool and number under a key made
 * per deployment ({@code OTP_PSEUDONYM_KEY_SECRET_ID}) that the table's readers do not hold. A
 * plain hash would not do: a country's numbering plan is small enough to hash every number in it in
 * minutes, which reverses an unkeyed hash for anyone who can read the table.
 */
public final class NumberPseudonyms {
  /**
   * The key of local runs that configure none: public, so its pseudonyms are as reversible as a
   * plain hash. The stack always sets a key of its own.
   */
  static final String PUBLIC_LOCAL_KEY = "otp-limit-v1 local key: public, not a secret";

  /** The least key a deployment may set: 256 bits, HMAC-SHA256's own strength. */
  public static final int MIN_KEY_LENGTH = 32;

  /** Loads the key once, when the first counted send needs it. */
  @FunctionalInterface
  public interface KeySource {
    /**
     * The key's bytes.
     *
     * @throws SendLimitsUnavailableException when it cannot be read in time (nothing is sent)
     */
    byte[] load(Instant deadline);
  }

  private final KeySource source;
  private volatile SecretKeySpec key;

  private NumberPseudonyms(KeySource source) {
    this.source = source;
  }

  /** Pseudonyms under {@code key} (a deployment's, or a test's). */
  public static NumberPseudonyms keyed(byte[] key) {
    return new NumberPseudonyms(deadline -> key.clone());
  }

  /** Pseudonyms under the key {@code source} loads on first use, then kept. */
  public static NumberPseudonyms loadedBy(KeySource source) {
    return new NumberPseudonyms(source);
  }

  /** Pseudonyms under the public local key: for local runs only (see {@link #PUBLIC_LOCAL_KEY}). */
  public static NumberPseudonyms unkeyed() {
    return keyed(PUBLIC_LOCAL_KEY.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The pseudonym of {@code e164} in {@code userPoolId}: base64url, 43 characters.
   *
   * @throws SendLimitsUnavailableException the key could not be loaded in time
   */
  public String of(String userPoolId, String e164, Instant deadline) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key(deadline));
      for (String field : new String[] {"otp-limit-v2", userPoolId, e164}) {
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        mac.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) ':');
        mac.update(bytes);
      }
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  private SecretKeySpec key(Instant deadline) {
    SecretKeySpec loaded = key;
    if (loaded == null) {
      synchronized (this) {
        loaded = key;
        if (loaded == null) {
          loaded = new SecretKeySpec(source.load(deadline), "HmacSHA256");
          key = loaded;
        }
      }
    }
    return loaded;
  }
}
