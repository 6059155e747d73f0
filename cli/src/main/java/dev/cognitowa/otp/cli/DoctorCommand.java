package dev.cognitowa.otp.cli;

import dev.cognitowa.otp.cli.doctor.CheckResult;
import dev.cognitowa.otp.cli.doctor.Doctor;
import dev.cognitowa.otp.cli.doctor.GraphApiVersions;
import dev.cognitowa.otp.sender.config.SenderConfigurationException;
import dev.cognitowa.otp.sender.support.Json;
import dev.cognitowa.otp.sender.wiring.SenderWiring;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
      "Also warns when WHATSAPP_API_VERSION is within 90 days of the end date Meta published for"
          + " it.",
      "Reads the sender's environment (as invoke: WHATSAPP_*, KMS_KEY_ARN, OTP_LEDGER_TABLE,"
          + " OTP_CHANNELS, SMS_*, EUM_*) and the AWS SDK's AWS_REGION/AWS_PROFILE/AWS_ENDPOINT_URL*.",
      "Exit status: 0 every check passed (or was skipped as not configured), 1 a check failed,"
          + " 2 the configuration cannot be read."
    })
final class DoctorCommand implements Callable<Integer> {
  @ParentCommand OtpCli parent;
  @Spec CommandSpec spec;

  @Mixin OutputOption output;

  @Override
  public Integer call() {
    CommandLine cmd = spec.commandLine();
    SenderWiring wiring;
    try {
      wiring = SenderWiring.channelFromEnvironment(parent.env());
    } catch (SenderConfigurationException e) {
      List<CheckResult> problems =
          e.problems().stream().map(p -> CheckResult.fail("configuration", p)).toList();
      String summary = "fix the configuration first; nothing else was checked";
      print(cmd, problems, summary);
      return TemplatesCommand.BAD_INPUT;
    }
    List<CheckResult> results = new ArrayList<>(new Doctor(parent.env(), wiring).run());
    results.add(
        GraphApiVersions.check(wiring.config().apiVersion(), LocalDate.now(ZoneOffset.UTC)));
    long failed = results.stream().filter(CheckResult::failed).count();
    print(
        cmd,
        results,
        failed == 0 ? "all checks passed" : failed + " of " + results.size() + " checks failed");
    return failed == 0 ? TemplatesCommand.OK : TemplatesCommand.NOT_READY;
  }

  private void print(CommandLine cmd, List<CheckResult> results, String summary) {
    if (output.json()) {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("ok", results.stream().noneMatch(CheckResult::failed));
      report.put("checks", results.stream().map(CheckResult::toJson).toList());
      report.put("summary", summary);
      cmd.getOut().println(Json.write(report));
    } else {
      results.forEach(r -> cmd.getOut().println(r.format()));
      cmd.getOut().println(summary);
    }
  }
}
