package dev.cognitowa.otp.cli;

import dev.cognitowa.otp.cli.doctor.CheckResult;
import dev.cognitowa.otp.cli.doctor.Doctor;
import dev.cognitowa.otp.sender.config.SenderConfigurationException;
import dev.cognitowa.otp.sender.wiring.SenderWiring;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code otp doctor}: checks a configuration end to end without sending a code. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Checks the configuration without sending anything: the settings of every channel, the token"
          + " (and its secret), that the number belongs to the account, every template approved in"
          + " every language, the KMS key and the ledger table when set. One line per check, each"
          + " failure with its remedy.",
      "Exit status: 0 every check passed (or was skipped as not configured), 1 a check failed,"
          + " 2 the configuration cannot be read."
    })
final class DoctorCommand implements Callable<Integer> {
  @ParentCommand OtpCli parent;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CommandLine cmd = spec.commandLine();
    SenderWiring wiring;
    try {
      wiring = SenderWiring.channelFromEnvironment(parent.env());
    } catch (SenderConfigurationException e) {
      for (String problem : e.problems()) {
        cmd.getOut().println(CheckResult.fail("configuration", problem).format());
      }
      cmd.getOut().println("fix the configuration first; nothing else was checked");
      return TemplatesCommand.BAD_INPUT;
    }
    List<CheckResult> results = new Doctor(parent.env(), wiring).run();
    results.forEach(r -> cmd.getOut().println(r.format()));
    long failed = results.stream().filter(CheckResult::failed).count();
    cmd.getOut()
        .println(
            failed == 0
                ? "all checks passed"
                : failed + " of " + results.size() + " checks failed");
    return failed == 0 ? TemplatesCommand.OK : TemplatesCommand.NOT_READY;
  }
}
