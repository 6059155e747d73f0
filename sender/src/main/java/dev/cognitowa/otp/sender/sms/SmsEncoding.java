package dev.cognitowa.otp.sender.sms;

/**
 * How many SMS segments a text takes: GSM-7 when every character is in the GSM 03.38 basic set or
 * its extension table (extension characters take two septets), UCS-2 otherwise (UTF-16 code units,
 * so an emoji counts two).
 */
public final class SmsEncoding {
  /**
   * GSM 03.38 basic character set, in table order (0x1B, the escape to the extension table,
   * included).
   */
  static final String GSM7_BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

  /** GSM 03.38 extension table: each of these is sent as escape + character, two septets. */
  static final String GSM7_EXTENSION = "\f^{}\\[~]|€";

  /** One GSM-7 message carries 160 septets; a part of a concatenated one 153 (7 go to the UDH). */
  static final int GSM7_SINGLE = 160;

  static final int GSM7_PART = 153;

  /** One UCS-2 message carries 70 characters; a part of a concatenated one 67. */
  static final int UCS2_SINGLE = 70;

  static final int UCS2_PART = 67;

  private SmsEncoding() {}

  /**
   * The encoding a text needs, with its length in that encoding's units and the segments it takes.
   */
  public record Size(boolean gsm7, int units, int segments) {}

  public static Size of(String text) {
    int septets = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (GSM7_BASIC.indexOf(c) >= 0) {
        septets += 1;
      } else if (GSM7_EXTENSION.indexOf(c) >= 0) {
        septets += 2;
      } else {
        int units = text.length();
        return new Size(false, units, segments(units, UCS2_SINGLE, UCS2_PART));
      }
    }
    return new Size(true, septets, segments(septets, GSM7_SINGLE, GSM7_PART));
  }

  private static int segments(int units, int single, int part) {
    return units <= single ? 1 : (units + part - 1) / part;
  }
}
