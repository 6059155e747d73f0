package dev.cognitowa.otp.sender.phone;

import java.util.Objects;

/**
 * A validated recipient phone number in E.164 ({@code +15551234567}). {@link #toString()} is masked
 * so the whole number never reaches a log line by accident; {@link #e164()} is for the request body
 * only.
 */
public final class Recipient {
  /**
   * Digits left visible when masking: enough to tell two test phones apart, too few to identify a
   * person.
   */
  static final int VISIBLE_DIGITS = 4;

  private final String e164;

  private Recipient(String e164) {
    this.e164 = Objects.requireNonNull(e164, "e164");
  }

  /**
   * Wraps an already validated E.164 number; use {@code PhoneNumbers.parse} for untrusted input.
   */
  public static Recipient ofValidatedE164(String e164) {
    return new Recipient(e164);
  }

  public String e164() {
    return e164;
  }

  /** The number with all but the last few digits replaced, e.g. {@code +*******4567}. */
  public String masked() {
    return mask(e164);
  }

  /**
   * Masks any phone-like text: keeps a leading '+', the last 4 digits of numbers with 10 or more
   * digits, the last 2 of shorter ones, and replaces every other digit with '*'.
   */
  public static String mask(String raw) {
    if (raw == null) {
      return "null";
    }
    int digits = 0;
    for (int i = 0; i < raw.length(); i++) {
      if (Character.isDigit(raw.charAt(i))) {
        digits++;
      }
    }
    int visible = digits >= 10 ? VISIBLE_DIGITS : Math.min(2, digits / 2);
    StringBuilder out = new StringBuilder(raw.length());
    int seen = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (Character.isDigit(c)) {
        seen++;
        out.append(seen > digits - visible ? c : '*');
      } else if (c == '+' && i == 0) {
        out.append(c);
      } else {
        out.append('*');
      }
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Recipient r && r.e164.equals(e164);
  }

  @Override
  public int hashCode() {
    return e164.hashCode();
  }

  @Override
  public String toString() {
    return masked();
  }
}
