package dev.cognitowa.otp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * docs/reference/cli.md is generated from picocli's own model of the {@code otp} command: every
 * command and subcommand's usage help, as {@code --help} prints it. The test fails when the
 * committed page differs; {@code -Dreference.write=true} writes it again.
 */
class CliReferenceTest {
  private static final Path PAGE = Path.of("..", "docs", "reference", "cli.md");

  /** Wide enough that no option's description wraps differently from one terminal to another. */
  private static final int WIDTH = 100;

  static String page() {
    CommandLine otp = OtpCli.commandLine(new OtpCli(Map.of()));
    List<String> lines = new ArrayList<>();
    lines.add(
        "<!-- Generated from the otp command's picocli model by CliReferenceTest; after changing a"
            + " command: ./mvnw -pl cli -am test -Dtest=CliReferenceTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dreference.write=true -->");
    lines.add("# The `otp` command");
    lines.add("");
    lines.add(
        "Every command's `--help`, as `java -jar cli/target/otp.jar` prints it. How to use them"
            + " together: [the otp command](../guides/cli.md).");
    describe(otp, "otp", lines);
    return String.join("\n", lines) + "\n";
  }

  private static void describe(CommandLine command, String path, List<String> lines) {
    command.setUsageHelpWidth(WIDTH);
    lines.add("");
    lines.add("## `" + path + "`");
    lines.add("");
    lines.add("```text");
    lines.add(command.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing());
    lines.add("```");
    for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
      if (!sub.getValue().getCommandSpec().usageMessage().hidden()
          && sub.getKey().equals(sub.getValue().getCommandName())) {
        describe(sub.getValue(), path + " " + sub.getKey(), lines);
      }
    }
  }

  @Test
  void cliPage_shouldBeWhatPicocliGenerates_whenCommitted() throws IOException {
    String generated = page();
    if (Boolean.getBoolean("reference.write")) {
      Files.writeString(PAGE, generated, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(PAGE, StandardCharsets.UTF_8))
        .as(
            "docs/reference/cli.md differs from the commands: rerun CliReferenceTest with"
                + " -Dreference.write=true")
        .isEqualTo(generated);
  }
}
