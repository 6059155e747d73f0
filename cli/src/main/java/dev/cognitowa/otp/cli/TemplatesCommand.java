package dev.cognitowa.otp.cli;

import dev.cognitowa.otp.cli.templates.TemplateSettings;
import dev.cognitowa.otp.sender.config.SenderConfigurationException;
import dev.cognitowa.otp.sender.whatsapp.WhatsAppAccessTokenException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code otp templates}: the WhatsApp templates this project sends, as code. */
@Command(
    name = "templates",
    mixinStandardHelpOptions = true,
    description = {
      "Creates and checks the WhatsApp templates the sender uses, in every configured language.",
      "Reads WHATSAPP_* and OTP_APP_CLIENTS (see templates list --help).",
      "Exit status: 0 ok, 1 a template missing, not approved or refused by Meta, 2 bad options or"
          + " configuration."
    },
    subcommands = {TemplatesCreateCommand.class, TemplatesListCommand.class})
final class TemplatesCommand implements Runnable {
  static final int OK = 0;
  static final int NOT_READY = 1;
  static final int BAD_INPUT = 2;

  @ParentCommand OtpCli parent;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  Map<String, String> env() {
    return parent.env();
  }

  /** The settings, or null after printing every problem (the caller exits 2). */
  static TemplateSettings settings(
      CommandLine cmd, Map<String, String> env, String channel, List<String> languages) {
    try {
      return TemplateSettings.fromEnvironment(env, channel, languages);
    } catch (SenderConfigurationException e) {
      cmd.getErr().println("otp: " + e.getMessage());
      return null;
    }
  }

  /** One line on stderr for a token that cannot be read (it names the secret, never the token). */
  static int tokenProblem(CommandLine cmd, WhatsAppAccessTokenException e) {
    cmd.getErr().println("otp: " + e.getMessage());
    return BAD_INPUT;
  }
}
