package dev.cognitowa.otp.sender.phone;

import dev.cognitowa.otp.sender.event.InvalidEventException;
import java.util.regex.Pattern;

/**
 * Validates Cognito's {@code phone_number} attribute. Cognito stores strict E.164 ({@code +} and
 * digits), so anything else is refused rather than reformatted; the number must also be valid for
 * its region by libphonenumber's metadata and rules ({@link NumberMetadata}), which catches
 * unassigned country codes and impossible lengths that would only fail later at Meta (error 131026
 * or 100) after spending a request. Errors show the number masked.
 */
public final class PhoneNumbers {
  /**
   * E.164: a '+', a country code that does not start with 0, at most 15 digits in all, at least 8
   * in practice.
   */
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");

  private PhoneNumbers() {}

  /** Parses an E.164 number, or throws {@link InvalidEventException} with the number masked. */
  public static Recipient parse(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new InvalidEventException("phone_number is missing");
    }
    if (!E164.matcher(raw).matches()) {
      throw new InvalidEventException(
          "phone_number is not an E.164 number ('+' and 8 to 15 digits): "
              + Recipient.mask(raw.length() > 32 ? raw.substring(0, 32) : raw));
    }
    NumberMetadata.Parsed number = Holder.NUMBERS.parse(raw.substring(1));
    if (number == null) {
      throw new InvalidEventException(
          "phone_number is not a valid E.164 number: " + Recipient.mask(raw));
    }
    if (!number.valid()) {
      throw new InvalidEventException(
          "phone_number is not a valid number for its country: " + Recipient.mask(raw));
    }
    return Recipient.ofValidatedE164(number.e164());
  }

  /**
   * The ISO 3166 region of a validated number, e.g. {@code NG}; {@code 001} for non-geographic
   * numbers and {@code ZZ} when unknown (libphonenumber's codes). For {@code +1} and {@code +44} it
   * names the territory, not only the calling code, so a rule can tell Jamaica from the US.
   */
  public static String regionOf(Recipient recipient) {
    NumberMetadata.Parsed number = Holder.NUMBERS.parse(recipient.e164().substring(1));
    return number == null || number.region() == null ? "ZZ" : number.region();
  }

  /**
   * The type of a validated number in its region (libphonenumber's {@code PhoneNumberType}), e.g.
   * {@link NumberType#PREMIUM_RATE}; {@link NumberType#UNKNOWN} for a number that is not valid.
   * Read from the metadata {@link #parse} already loaded, without {@code PhoneNumberUtil}.
   */
  public static NumberType typeOf(Recipient recipient) {
    NumberMetadata.Parsed number = Holder.NUMBERS.parse(recipient.e164().substring(1));
    return number == null ? NumberType.UNKNOWN : number.type();
  }

  /** Loaded on first use: libphonenumber's metadata is read lazily, per region, on top of this. */
  private static final class Holder {
    static final NumberMetadata NUMBERS = new NumberMetadata();
  }
}
