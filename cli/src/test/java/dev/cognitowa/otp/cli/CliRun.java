package dev.cognitowa.otp.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * One run of the {@code otp} command with captured output. The output is echoed to System.out so
 * the suite's output guard sees what a user would see.
 */
record CliRun(int exitCode, String out, String err) {
  static CliRun run(Map<String, String> env, String... args) {
    return run(env, true, args);
  }

  static CliRun run(Map<String, String> env, boolean echo, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = OtpCli.commandLine(new OtpCli(env));
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int exit = cmd.execute(args);
    if (echo) {
      System.out.print(out);
      System.out.print(err);
    }
    return new CliRun(exit, out.toString(), err.toString());
  }

  String[] outLines() {
    return out.isEmpty() ? new String[0] : out.split("\n");
  }

  String[] errLines() {
    return err.isEmpty() ? new String[0] : err.split("\n");
  }
}
