package dev.cognitowa.otp.sender.whatsapp;

import dev.cognitowa.otp.sender.support.Sensitive;
import java.time.Instant;

/** Supplies the Cloud API access token. */
public interface AccessTokenProvider {

  /** The current token, from cache when fresh; any call to load it ends by {@code deadline}. */
  Sensitive token(Instant deadline);

  /**
   * Loads the token again, ending by {@code deadline}; called once after Graph answers error 190.
   */
  Sensitive refresh(Instant deadline);
}
