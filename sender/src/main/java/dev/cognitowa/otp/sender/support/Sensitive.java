package dev.cognitowa.otp.sender.support;

import java.util.Objects;

/**
 * A secret string (a one-time code, a temporary password, an access token) that cannot leak by
 * accident: {@link #toString()} never shows it, so string concatenation, loggers and exception
 * messages print {@code <redacted>}. The plaintext is only reachable through {@link #reveal()},
 * which is greppable.
 */
public final class Sensitive {
  private static final String REDACTED = "<redacted>";
  private final String value;

  private Sensitive(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static Sensitive of(String value) {
    return new Sensitive(value);
  }

  /**
   * The plaintext; call only where the value leaves the process on purpose (the WhatsApp request
   * body).
   */
  public String reveal() {
    return value;
  }

  public int length() {
    return value.length();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Sensitive s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return REDACTED;
  }
}
