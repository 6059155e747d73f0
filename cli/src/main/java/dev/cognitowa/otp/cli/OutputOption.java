package dev.cognitowa.otp.cli;

import picocli.CommandLine.Option;

/** {@code --output text|json} of the commands that report a list of checks. */
final class OutputOption {
  /** The two forms: lines for a person, one JSON object for a script. */
  enum Format {
    text,
    json
  }

  @Option(
      names = "--output",
      defaultValue = "text",
      paramLabel = "FORMAT",
      description = "text (one line each, default) or json (one object with every item and state).")
  Format format;

  boolean json() {
    return format == Format.json;
  }
}
