package dev.cognitowa.otp.settings;

import java.util.ArrayList;
import java.util.List;

/**
 * The reference pages generated from the registry: docs/reference/environment.md and
 * docs/reference/context-keys.md. {@code ReferencePagesTest} fails when a committed page differs
 * and names the command that writes them again.
 */
public final class ReferencePages {
  static final String GENERATED =
      "<!-- Generated from settings/src/main/java/dev/cognitowa/otp/settings by ReferencePagesTest;"
          + " edit the registry, then: ./mvnw -pl settings test -Dreference.write=true -->";

  private ReferencePages() {}

  /** docs/reference/environment.md. */
  public static String environment() {
    List<String> lines = new ArrayList<>();
    lines.add(GENERATED);
    lines.add("# Environment variables");
    lines.add("");
    lines.add(
        "What the sender (the Lambda, `otp invoke`, `otp send`), the delivery-status function (`otp"
            + " status`) and `otp` read. A bad value stops the function at start-up with one message"
            + " naming every problem; the stack sets these from its [context keys](context-keys.md).");
    lines.add("");
    lines.add("| variable | needed | default | range | read by | what it sets |");
    lines.add("|---|---|---|---|---|---|");
    for (Setting setting : Settings.all()) {
      lines.add(
          "| `"
              + setting.name()
              + "` | "
              + cell(setting.required())
              + " | "
              + value(setting.defaultValue())
              + " | "
              + cell(setting.range())
              + " | "
              + readers(setting)
              + " | "
              + setting.doc()
              + " |");
    }
    lines.add("");
    lines.add(
        "The AWS SDK's own variables (`AWS_REGION`, `AWS_ENDPOINT_URL_*`, credentials) are read as"
            + " the SDK documents them.");
    return String.join("\n", lines) + "\n";
  }

  /** docs/reference/context-keys.md. */
  public static String contextKeys() {
    List<String> lines = new ArrayList<>();
    lines.add(GENERATED);
    lines.add("# Context keys");
    lines.add("");
    lines.add(
        "The ready stack's settings, given as `-c key=value` or kept in `cdk.json`. A key that"
            + " becomes an [environment variable](environment.md) is checked against the same range"
            + " the sender applies, so a value the stack accepts is one the functions accept.");
    lines.add("");
    lines.add("| key | default | range | variable | what it sets |");
    lines.add("|---|---|---|---|---|");
    for (ContextKey key : ContextKeys.all()) {
      lines.add(
          "| `"
              + key.key()
              + "` | "
              + cell(key.defaultValue())
              + " | "
              + cell(key.range())
              + " | "
              + (key.variable() == null ? "" : "`" + key.variable().name() + "`")
              + " | "
              + key.doc()
              + " |");
    }
    return String.join("\n", lines) + "\n";
  }

  private static String cell(String text) {
    return text == null ? "" : text;
  }

  private static String value(String text) {
    if (text == null) {
      return "";
    }
    return text.contains("`") ? text : "`" + text + "`";
  }

  private static String readers(Setting setting) {
    List<String> labels = new ArrayList<>();
    for (Reader reader : Reader.values()) {
      if (setting.readers().contains(reader)) {
        labels.add(reader.label());
      }
    }
    return String.join(", ", labels);
  }
}
