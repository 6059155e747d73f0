package dev.cognitowa.otp.sender.event;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a whole stream, refusing it once it grows past a limit instead of buffering whatever
 * arrives.
 */
public final class BoundedInput {
  private BoundedInput() {}

  public static byte[] readAll(InputStream input, int maxBytes) throws IOException {
    byte[] bytes = input.readNBytes(maxBytes + 1);
    if (bytes.length > maxBytes) {
      throw new InvalidEventException("event is larger than " + maxBytes + " bytes");
    }
    return bytes;
  }
}
