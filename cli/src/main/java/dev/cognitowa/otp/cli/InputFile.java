package dev.cognitowa.otp.cli;

import dev.cognitowa.otp.sender.event.InvalidEventException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A file named by an option, checked before it is opened so each mistake has its own message. */
final class InputFile {
  private InputFile() {}

  /**
   * @throws InvalidEventException naming the option: no such file, a directory, or unreadable
   */
  static void check(String option, Path file) {
    if (Files.isDirectory(file)) {
      throw new InvalidEventException(option + " " + file + " is a directory, not a file");
    }
    if (!Files.exists(file)) {
      throw new InvalidEventException(
          option.substring(2) + " file not found: " + file + " (" + option + ")");
    }
    if (!Files.isReadable(file)) {
      throw new InvalidEventException(option + " " + file + " cannot be read (permissions)");
    }
  }
}
