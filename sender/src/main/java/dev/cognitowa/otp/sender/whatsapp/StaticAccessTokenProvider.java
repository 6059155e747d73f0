package dev.cognitowa.otp.sender.whatsapp;

import dev.cognitowa.otp.sender.support.Sensitive;
import java.time.Instant;

/**
 * A token given directly ({@code WHATSAPP_ACCESS_TOKEN}), for local runs; refreshing returns the
 * same token.
 */
public final class StaticAccessTokenProvider implements AccessTokenProvider {
  private final Sensitive token;

  public StaticAccessTokenProvider(Sensitive token) {
    this.token = token;
  }

  @Override
  public Sensitive token(Instant deadline) {
    return token;
  }

  @Override
  public Sensitive refresh(Instant deadline) {
    return token;
  }
}
