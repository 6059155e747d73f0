package dev.cognitowa.otp.cli;

import dev.cognitowa.otp.cli.templates.TemplateApiException;
import dev.cognitowa.otp.cli.templates.TemplateAudit;
import dev.cognitowa.otp.cli.templates.TemplateSettings;
import dev.cognitowa.otp.cli.templates.TemplateStore;
import dev.cognitowa.otp.cli.templates.TemplateStores;
import dev.cognitowa.otp.sender.whatsapp.WhatsAppAccessTokenException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code otp templates list}: each configured template's status per language, and what is missing
 * or not approved.
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "Shows each configured template's status in each configured language (APPROVED, PENDING,"
          + " REJECTED, PAUSED or MISSING) with what to do about it.",
      "Exit status: 0 all approved, 1 any missing or not approved (or Meta refused the request),"
          + " 2 bad options or configuration."
    })
final class TemplatesListCommand implements Callable<Integer> {
  @ParentCommand TemplatesCommand parent;
  @Spec CommandSpec spec;

  @Option(
      names = "--channel",
      defaultValue = TemplateSettings.GRAPH,
      paramLabel = "CHANNEL",
      description =
          "whatsapp (Graph API) or whatsapp-eum (End User Messaging Social); default ${DEFAULT-VALUE}.")
  String channel;

  @Option(
      names = "--languages",
      split = ",",
      paramLabel = "CODES",
      description = "Languages to check, e.g. en_US,pt_BR (default: WHATSAPP_TEMPLATE_LANGUAGES).")
  List<String> languages;

  @Override
  public Integer call() {
    CommandLine cmd = spec.commandLine();
    TemplateSettings settings =
        TemplatesCommand.settings(
            cmd, parent.env(), channel, languages == null ? List.of() : languages);
    if (settings == null) {
      return TemplatesCommand.BAD_INPUT;
    }
    List<TemplateAudit.Line> lines;
    try {
      TemplateStore store = TemplateStores.open(settings, parent.env());
      lines = TemplateAudit.compare(settings.wanted(), store.list());
    } catch (WhatsAppAccessTokenException e) {
      return TemplatesCommand.tokenProblem(cmd, e);
    } catch (TemplateApiException e) {
      cmd.getErr().println("otp: " + e.getMessage());
      return TemplatesCommand.NOT_READY;
    }
    long notReady = lines.stream().filter(l -> !l.ok()).count();
    lines.forEach(l -> cmd.getOut().println(l.format()));
    cmd.getOut()
        .println(
            notReady == 0
                ? "all " + lines.size() + " configured templates are approved"
                : notReady
                    + " of "
                    + lines.size()
                    + " configured templates are missing or not approved");
    return notReady == 0 ? TemplatesCommand.OK : TemplatesCommand.NOT_READY;
  }
}
