package dev.cognitowa.otp.cli;

import dev.cognitowa.otp.sender.event.InvalidEventException;
import dev.cognitowa.otp.sender.phone.PhoneNumbers;
import dev.cognitowa.otp.sender.phone.Recipient;

/**
 * A phone number given on the command line: the sender's own E.164 checks, with the errors naming
 * the option instead of the event field, and a number typed without its country code told apart.
 */
final class PhoneOption {
  private PhoneOption() {}

  /**
   * The validated number.
   *
   * @throws InvalidEventException naming {@code option}, the number masked
   */
  static Recipient parse(String option, String raw) {
    String value = raw == null ? "" : raw.strip();
    if (value.matches("[0-9 ()-]{6,20}")) {
      // 07400123456 or 447400123456: the country code is missing or its '+' is
      throw new InvalidEventException(
          option
              + " needs the country code after a '+' (E.164: +44 and the number without its"
              + " leading 0 for the UK): was "
              + Recipient.mask(value.replaceAll("[^0-9]", "")));
    }
    try {
      return PhoneNumbers.parse(value);
    } catch (InvalidEventException e) {
      throw new InvalidEventException(e.getMessage().replace("phone_number", option));
    }
  }
}
