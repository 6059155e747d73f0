package dev.cognitowa.otp.cli;

import java.util.Map;
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
      StatusCommand.class,
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
    this.env = Map.copyOf(env);
  }

  public static void main(String[] args) {
    System.exit(commandLine(new OtpCli()).execute(args));
  }

  /**
   * The command line with the project's exit-code mapping: 0 sent, 1 delivery failed, 2 bad event
   * or config.
   */
  public static CommandLine commandLine(OtpCli cli) {
    return new CommandLine(cli).setExecutionExceptionHandler(new Failures());
  }

  Map<String, String> env() {
    return env;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Reads the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = OtpCli.class.getPackage().getImplementationVersion();
      return new String[] {"otp " + (version == null ? "development build" : version)};
    }
  }
}
