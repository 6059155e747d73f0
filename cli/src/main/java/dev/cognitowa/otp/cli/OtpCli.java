package dev.cognitowa.otp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code otp} command: try the sender locally, run it on an event, or send one message. */
@Command(
    name = "otp",
    mixinStandardHelpOptions = true,
    versionProvider = OtpCli.Version.class,
    description = "Cognito custom SMS sender that delivers one-time codes over WhatsApp.",
    subcommands = {
      DemoCommand.class,
      InvokeCommand.class,
      SendCommand.class,
      EventCommand.class,
      CompletionCommand.class,
      StatusCommand.class,
      AttachCommand.class,
      DetachCommand.class,
      BenchCommand.class,
      TemplatesCommand.class,
      DoctorCommand.class,
      VerifiedCommand.class,
      ReportCommand.class
    })
public final class OtpCli implements Runnable {
  private final Map<String, String> env;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public OtpCli() {
    this(System.getenv());
  }

  /** The environment the subcommands read, instead of the process's: tests pass a plain map. */
  public OtpCli(Map<String, String> env) {
    this.env = Map.copyOf(AwsRegionLookup.withRegion(env));
  }

  public static void main(String[] args) {
    System.exit(commandLine(new OtpCli()).execute(args));
  }

  /**
   * The command line with the project's exit-code mapping: 0 sent, 1 delivery failed, 2 bad event
   * or config.
   */
  public static CommandLine commandLine(OtpCli cli) {
    return new CommandLine(cli)
        .setExecutionExceptionHandler(new Failures())
        .setParameterExceptionHandler(new UsageErrors());
  }

  Map<String, String> env() {
    return env;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * {@code otp <version> (<commit>)}, from the build's version.properties (the same values the
   * jar's manifest carries); "unknown" for a value the build could not fill in, such as the commit
   * of a build without {@code .git}.
   */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties build = new Properties();
      try (InputStream in = OtpCli.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          build.load(in);
        }
      }
      return new String[] {
        "otp "
            + known(build.getProperty("version"))
            + " ("
            + known(build.getProperty("commit"))
            + ")"
      };
    }

    private static String known(String value) {
      return value == null || value.isBlank() || value.contains("${") ? "unknown" : value;
    }
  }
}
