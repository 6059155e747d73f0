package dev.cognitowa.otp.sender.testutils;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Message ids shaped as Meta's are: {@code wamid.} and base64 of a record that begins with the
 * recipient's number (a real one, {@code wamid.HBgLNjAxNzM1MjYyMzMVAgAS...}, decodes to {@code 1c
 * 18 0b "60173526233" 15 02 00 12 18 14 ...}). Stand-ins answer with these so that a raw id
 * reaching the output carries a number the output guard finds.
 */
public final class Wamids {
  private Wamids() {}

  /** A wamid for {@code e164} ({@code +} and digits), told apart from others by {@code serial}. */
  public static String of(String e164, long serial) {
    String digits = e164.startsWith("+") ? e164.substring(1) : e164;
    ByteArrayOutputStream record = new ByteArrayOutputStream();
    record.write(0x1c);
    record.write(0x18);
    record.write(digits.length());
    record.writeBytes(digits.getBytes(StandardCharsets.US_ASCII));
    record.writeBytes(new byte[] {0x15, 0x02, 0x00, 0x11, 0x18, 0x12});
    String tail = String.format(java.util.Locale.ROOT, "%018X", serial);
    record.writeBytes(tail.getBytes(StandardCharsets.US_ASCII));
    record.write(0x00);
    return "wamid." + Base64.getEncoder().encodeToString(record.toByteArray());
  }
}
