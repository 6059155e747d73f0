package dev.cognitowa.otp.cli;

import dev.cognitowa.otp.cli.templates.TemplateApiException;
import dev.cognitowa.otp.cli.templates.TemplateAudit;
import dev.cognitowa.otp.cli.templates.TemplateSettings;
import dev.cognitowa.otp.cli.templates.TemplateStore;
import dev.cognitowa.otp.cli.templates.TemplateStores;
import dev.cognitowa.otp.sender.support.Json;
import dev.cognitowa.otp.sender.whatsapp.WhatsAppAccessTokenException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
      "Reads WHATSAPP_PHONE_NUMBER_ID, WHATSAPP_ACCESS_TOKEN or WHATSAPP_ACCESS_TOKEN_SECRET_ID,"
          + " WHATSAPP_BUSINESS_ACCOUNT_ID, WHATSAPP_API_BASE_URL, WHATSAPP_API_VERSION,"
          + " WHATSAPP_TEMPLATE_*, OTP_APP_CLIENTS, EUM_WHATSAPP_PHONE_NUMBER_ID (whatsapp-eum) and"
          + " the AWS SDK's AWS_REGION/AWS_PROFILE/AWS_ENDPOINT_URL*.",
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

  @Mixin OutputOption output;

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
    String summary =
        notReady == 0
            ? "all " + lines.size() + " configured templates are approved"
            : notReady
                + " of "
                + lines.size()
                + " configured templates are missing or not approved";
    if (output.json()) {
      List<Map<String, Object>> templates = new ArrayList<>();
      for (TemplateAudit.Line line : lines) {
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("name", line.wanted().name());
        template.put("language", line.wanted().language());
        template.put("category", line.wanted().category().name());
        template.put("status", line.status());
        template.put("ok", line.ok());
        template.put("remedy", line.remedy());
        templates.add(template);
      }
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("ok", notReady == 0);
      report.put("templates", templates);
      report.put("summary", summary);
      cmd.getOut().println(Json.write(report));
    } else {
      lines.forEach(l -> cmd.getOut().println(l.format()));
      cmd.getOut().println(summary);
    }
    return notReady == 0 ? TemplatesCommand.OK : TemplatesCommand.NOT_READY;
  }
}
